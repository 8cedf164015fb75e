// Worker-thread entry of the QueryNode role: the logic is in worker-api.ts.
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import { nodeEndpoint } from './endpoint.js';
import { queryNodeThreadApi } from './worker-api.js';

expose(queryNodeThreadApi, nodeEndpoint(parentPort!));
