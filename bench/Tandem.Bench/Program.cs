using Tandem.Bench;

return await GridBenchmark.RunAsync(args);
