// The `kite` command: one program for every component.

import { serverCommand, SERVER_USAGE } from './server-command.js';
import { GIT_VERSION } from '../apiserver/version.js';

const USAGE = `Usage: kite <command> [flags]

Commands:
  server     run a control plane (API server, storage) on embedded defaults
  version    print the version

${SERVER_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'server':
      return serverCommand(rest);
    case 'version':
    case '--version':
      console.log(`kite ${GIT_VERSION}`);
      return 0;
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`kite: unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`kite: ${err.message}`);
    process.exit(1);
  },
);
