using Tandem.Bench;

// Usage: Tandem.Bench <benchmark> [options]; each benchmark documents its options.
return args.FirstOrDefault() switch
{
    "search" => await SearchBenchmark.RunAsync(args),
    "ledger" => await LedgerBenchmark.RunAsync(args),
    "crm" => await CrmBenchmark.RunAsync(args),
    "inventory" => await InventoryBenchmark.RunAsync(args),
    "load" => await LoadBenchmark.RunAsync(args),
    "o2c" => await O2cBenchmark.RunAsync(args),
    "p2p" => await P2pBenchmark.RunAsync(args),
    "grid" or null => await GridBenchmark.RunAsync(args),
    var other => Unknown(other),
};

static int Unknown(string name)
{
    Console.Error.WriteLine($"Unknown benchmark '{name}'. Known: grid, search, ledger, crm, inventory, load, o2c, p2p.");
    return 2;
}
