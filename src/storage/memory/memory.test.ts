// The memory backend against the shared conformance suite.

import { kvConformance } from '../conformance.js';
import { openStorage } from '../index.js';

kvConformance('memory', () => openStorage({ backend: 'memory' }));
