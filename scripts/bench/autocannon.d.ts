// The part of autocannon's API the bench uses (the package ships no types,
// and only autocannon itself is a bench dependency).
declare module "autocannon" {
  namespace autocannon {
    type Request = {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request | undefined;
    };

    type Options = {
      url: string;
      connections?: number;
      duration?: number;
      timeout?: number;
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      requests?: Request[];
    };

    type Histogram = {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      [percentile: string]: number;
    };

    type Result = {
      requests: Histogram;
      latency: Histogram;
      throughput: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats?: Record<string, { count: number }>;
    };
  }

  function autocannon(options: autocannon.Options, callback: (error: Error | null, result: autocannon.Result) => void): unknown;

  export default autocannon;
}
