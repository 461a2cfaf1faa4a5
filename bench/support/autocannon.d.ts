// The part of autocannon 9's API the workbench benchmark uses (the package ships no types).
declare module 'autocannon' {
  type RequestParams = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    overallRate?: number;
    connectionRate?: number;
    timeout?: number;
    requests?: Array<RequestParams & { setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams }>;
  };
  type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p97_5: number; p99: number; p99_9?: number };
  export type Result = {
    latency: Histogram;
    requests: Histogram & { total: number; sent: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    '2xx': number;
    '4xx': number;
    '5xx': number;
  };
  /** Emits 'response' (client, statusCode, bytes, responseTimeMs) for every response. */
  type Instance = { on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): Instance };
  function autocannon(options: Options): Promise<Result>;
  function autocannon(options: Options, done: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
