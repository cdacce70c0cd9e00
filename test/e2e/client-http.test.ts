// The typed client over HTTP against a real `kite server` process, configured from the
// kubeconfig the server writes: the shared client suite (src/client/conformance.ts — CRUD,
// the four patch types, pagination, selectors, subresources, watches, errors as
// StatusErrors with Kubernetes' codes and reasons, 410 after compaction), the same cases the
// in-process transport passes.

import { Client } from '../../src/client/index.js';
import { clientConformance, type ClientTestServer } from '../../src/client/conformance.js';
import { compactStorage, startKite } from './harness.js';

const USER_AGENT = 'client-conformance/1.0';

clientConformance('http', async (storage): Promise<ClientTestServer> => {
  const kite = await startKite({ storage });
  let client = Client.fromKubeconfig(kite.kubeconfig, { userAgent: USER_AGENT });
  return {
    client: () => client,
    async restartCompacted() {
      client.close();
      await kite.restart({ between: () => compactStorage(kite.dataDir) });
      client = Client.fromKubeconfig(kite.kubeconfig, { userAgent: USER_AGENT });
    },
    async stop() {
      client.close();
      await kite.stop();
    },
  };
});
