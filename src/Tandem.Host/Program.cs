using Tandem.Host.Cli;

return await TandemCli.RunAsync(args);
