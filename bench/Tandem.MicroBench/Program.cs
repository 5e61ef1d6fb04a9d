using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Tandem.MicroBench -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
