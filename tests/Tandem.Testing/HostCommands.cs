using Tandem.Host.Cli;
using Xunit;

namespace Tandem.Testing;

/// <summary>Runs the host binary's commands in process; a wrong exit code fails with what the command wrote to standard error.</summary>
public static class HostCommands
{
    public static async Task<int> RunAsync(params string[] args)
    {
        using var error = new StringWriter();
        return await TandemCli.RunAsync(args, error);
    }

    /// <summary>Runs the command and asserts its exit code, showing its error output when it differs; returns that error output.</summary>
    public static async Task<string> ExpectAsync(int exit, params string[] args)
    {
        using var error = new StringWriter();
        var actual = await TandemCli.RunAsync(args, error);
        Assert.True(actual == exit, $"`{string.Join(' ', args.Where(a => !a.StartsWith("--ConnectionStrings", StringComparison.Ordinal)))}` exited {actual}, expected {exit}: {error}");
        return error.ToString();
    }
}
