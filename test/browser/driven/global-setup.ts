// Global setup of the `browser-driven` project: build and serve the test page once for all files.
import type { TestProject } from 'vitest/node';
import { buildAndServePage } from './serve.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the built test page (test/browser/driven/page), served from 127.0.0.1. */
    quiverPageUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const page = await buildAndServePage();
  project.provide('quiverPageUrl', page.url);
  return () => page.stop();
}
