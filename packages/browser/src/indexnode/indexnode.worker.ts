// Module Web Worker entry of the IndexNode role (STYLE.md §4): the logic is in worker-api.ts.
import { expose } from 'comlink';
import { indexNodeWorkerApi } from './worker-api.js';

expose(indexNodeWorkerApi);
