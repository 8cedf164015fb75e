// Module Web Worker entry of the QueryNode role (STYLE.md §4): the logic is in worker-api.ts.
import { expose } from 'comlink';
import { queryNodeWorkerApi } from './worker-api.js';

expose(queryNodeWorkerApi);
