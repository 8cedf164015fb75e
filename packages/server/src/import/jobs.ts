// Import jobs (`jobs/import/create|list|get_progress`): files named relative to the data folder,
// read through an ImportSource the platform entry supplies, inserted through the engine client in
// batches. Jobs run one at a time; their records live in memory (the last `maxJobs`).
import { ErrorCode, QuiverError, type QuiverClient } from '@quiver/core';
import { parseRows } from './parse.js';

/** Where import files come from (the Node entry reads them under the data folder). */
export interface ImportSource {
  /** The bytes of `path`; throws when it does not exist or lies outside the source. */
  read(path: string): Promise<Uint8Array>;
}

type State = 'Pending' | 'Importing' | 'Completed' | 'Failed';

interface FileTask {
  fileName: string;
  fileSize: number;
  state: State;
  importedRows: number;
  totalRows: number;
  reason: string;
  completeTime: string;
}

interface Job {
  jobId: string;
  dbName: string;
  collectionName: string;
  partitionName: string | undefined;
  state: State;
  reason: string;
  createTime: string;
  completeTime: string;
  tasks: FileTask[];
}

const BATCH_ROWS = 5_000;

function progressOf(job: Job): number {
  if (job.state === 'Completed') return 100;
  const total = job.tasks.reduce((n, t) => n + t.totalRows, 0);
  const done = job.tasks.reduce((n, t) => n + t.importedRows, 0);
  return total === 0 ? 0 : Math.min(99, Math.floor((done / total) * 100));
}

function invalid(message: string): QuiverError {
  return new QuiverError(ErrorCode.InvalidParameter, `jobs/import: ${message}`);
}

/** Runs and reports import jobs. */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private queue: Promise<void> = Promise.resolve();
  private seq = 0;

  constructor(private readonly client: QuiverClient, private readonly source: ImportSource | undefined, private readonly now: () => number, private readonly maxJobs = 1_000) {}

  /** jobs/import/create: checks the collection and the file list, queues the job, returns its id. */
  async create(body: Record<string, unknown>, dbName: string): Promise<{ data: { jobId: string } }> {
    if (!this.source) throw new QuiverError(ErrorCode.Unsupported, 'jobs/import: this server has no import source (no data folder)');
    const collectionName = body['collectionName'];
    if (typeof collectionName !== 'string' || collectionName.length === 0) throw new QuiverError(ErrorCode.MissingParameter, 'jobs/import/create: missing required parameter collectionName');
    const partitionName = typeof body['partitionName'] === 'string' && body['partitionName'].length > 0 ? body['partitionName'] : undefined;
    const files = body['files'];
    if (!Array.isArray(files) || files.length === 0 || !files.every((g) => Array.isArray(g) && g.length > 0 && g.every((p) => typeof p === 'string' && p.length > 0))) {
      throw invalid('files must be a non-empty list of file lists, e.g. [["rows.json"], ["more.parquet"]]');
    }
    const has = await this.client.hasCollection({ dbName, collectionName });
    if (!has.data.has) throw new QuiverError(ErrorCode.CollectionNotFound, `collection not found: "${collectionName}" in database "${dbName}"`);
    if (partitionName !== undefined && !(await this.client.hasPartition({ dbName, collectionName, partitionName })).data.has) {
      throw new QuiverError(ErrorCode.PartitionNotFound, `partition not found: "${partitionName}" in collection "${collectionName}"`);
    }
    const paths = (files as string[][]).flat();
    const jobId = String(this.now() * 1000 + (this.seq++ % 1000));
    const job: Job = {
      jobId, dbName, collectionName, partitionName, state: 'Pending', reason: '', createTime: new Date(this.now()).toISOString(), completeTime: '',
      tasks: paths.map((fileName) => ({ fileName, fileSize: 0, state: 'Pending', importedRows: 0, totalRows: 0, reason: '', completeTime: '' })),
    };
    this.jobs.set(jobId, job);
    this.trim();
    this.queue = this.queue.then(() => this.run(job));
    return { data: { jobId } };
  }

  private trim(): void {
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= this.maxJobs) break;
      if (j.state === 'Completed' || j.state === 'Failed') this.jobs.delete(id);
    }
  }

  private async run(job: Job): Promise<void> {
    job.state = 'Importing';
    for (const task of job.tasks) {
      try {
        task.state = 'Importing';
        const bytes = await this.source!.read(task.fileName);
        task.fileSize = bytes.byteLength;
        const rows = await parseRows(task.fileName, bytes);
        task.totalRows = rows.length;
        for (let i = 0; i < rows.length; i += BATCH_ROWS) {
          const res = await this.client.insert({ dbName: job.dbName, collectionName: job.collectionName, partitionName: job.partitionName, data: rows.slice(i, i + BATCH_ROWS) });
          task.importedRows += res.data.insertCount;
        }
        task.state = 'Completed';
        task.completeTime = new Date(this.now()).toISOString();
      } catch (e) {
        task.state = 'Failed';
        task.reason = e instanceof Error ? e.message : String(e);
        job.state = 'Failed';
        job.reason = `${task.fileName}: ${task.reason}`;
        job.completeTime = new Date(this.now()).toISOString();
        return;
      }
    }
    job.state = 'Completed';
    job.completeTime = new Date(this.now()).toISOString();
  }

  /** The collection of a job (for the privilege check), if the job exists. */
  collectionOf(jobId: unknown): string | undefined {
    return this.jobs.get(String(jobId))?.collectionName;
  }

  /** jobs/import/list: `records` of the database's jobs (optionally of one collection). */
  list(body: Record<string, unknown>, dbName: string): { data: { records: Array<Record<string, unknown>> } } {
    const coll = typeof body['collectionName'] === 'string' && body['collectionName'].length > 0 ? body['collectionName'] : undefined;
    const records = [...this.jobs.values()]
      .filter((j) => j.dbName === dbName && (coll === undefined || j.collectionName === coll))
      .map((j) => ({ jobId: j.jobId, collectionName: j.collectionName, state: j.state, progress: progressOf(j), ...(j.reason ? { reason: j.reason } : {}) }));
    return { data: { records } };
  }

  /** jobs/import/get_progress (and describe). */
  progress(body: Record<string, unknown>): { data: Record<string, unknown> } {
    const jobId = body['jobId'] ?? body['jobID'];
    if (jobId === undefined || jobId === '') throw new QuiverError(ErrorCode.MissingParameter, 'jobs/import/get_progress: missing required parameter jobId');
    const job = this.jobs.get(String(jobId));
    if (!job) throw new QuiverError(ErrorCode.KeyNotFound, `jobs/import/get_progress: import job not found: "${String(jobId)}"`);
    const importedRows = job.tasks.reduce((n, t) => n + t.importedRows, 0);
    const totalRows = job.tasks.reduce((n, t) => n + t.totalRows, 0);
    return {
      data: {
        jobId: job.jobId, collectionName: job.collectionName, completeTime: job.completeTime, state: job.state, progress: progressOf(job),
        importedRows, totalRows, ...(job.reason ? { reason: job.reason } : {}),
        fileSize: job.tasks.reduce((n, t) => n + t.fileSize, 0),
        details: job.tasks.map((t) => ({ fileName: t.fileName, fileSize: t.fileSize, progress: t.state === 'Completed' ? 100 : t.totalRows ? Math.floor((t.importedRows / t.totalRows) * 100) : 0, completeTime: t.completeTime, state: t.state, importedRows: t.importedRows, totalRows: t.totalRows, ...(t.reason ? { reason: t.reason } : {}) })),
      },
    };
  }

  /** Resolves when every queued job has finished. */
  idle(): Promise<void> {
    return this.queue;
  }
}
