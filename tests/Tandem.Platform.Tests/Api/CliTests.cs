using System.Net;
using System.Net.Http.Json;
using Tandem.Host.Cli;

namespace Tandem.Platform.Tests.Api;

/// <summary>The host binary's administration commands, run in process against a fresh SQLite file.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tandem-cli-" + Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(_folder);

    private string[] Database => [$"--ConnectionStrings:Tandem=Data Source={Path.Combine(_folder, "t.db")}", "--Logging:LogLevel:Default=Warning"];

    [Fact]
    public async Task Seed_demo_prints_a_generated_admin_password_once()
    {
        var (first, firstOutput) = await Run(["seed", "demo", .. Database]);
        Assert.True(first == 0, firstOutput);
        Assert.Contains("First admin: admin@tandem.local / ", firstOutput, StringComparison.Ordinal);

        var (second, secondOutput) = await Run(["seed", "demo", .. Database]);
        Assert.Equal(1, second);
        Assert.DoesNotContain("First admin", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_first_admin_passwords_always_meet_the_password_policy()
    {
        // The policy: at least 10 characters with a digit and a lower-case letter. A plain random draw missed the digit one time in thirty.
        for (var i = 0; i < 5000; i++)
        {
            var password = Tandem.Host.StartupTasks.GeneratePassword();
            Assert.True(password.Length >= 10 && password.Any(char.IsAsciiDigit) && password.Any(char.IsAsciiLetterLower), password);
        }
    }

    [Fact]
    public async Task Users_add_creates_a_user_who_can_get_a_token()
    {
        Assert.Equal(0, (await Run(["migrate", .. Database])).Exit);
        Assert.Equal(0, (await Run(["seed", "demo", .. Database])).Exit);
        var (exit, output) = await Run(["users", "add", "--email", "rep@cli.test", "--password", "Rep-Password-1", "--role", "sales_rep", .. Database]);
        Assert.Equal(0, exit);
        Assert.Contains("rep@cli.test created in DEMO", output, StringComparison.Ordinal);

        var (unknownRole, _) = await Run(["users", "add", "--email", "x@cli.test", "--password", "Rep-Password-1", "--role", "emperor", .. Database]);
        Assert.Equal(2, unknownRole);

        await using var app = Tandem.Host.TandemApp.Build(["--urls=http://127.0.0.1:0", .. Database]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "rep@cli.test", password = "Rep-Password-1" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<(int Exit, string Output)> Run(string[] args)
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            // Errors go to the same writer, so a failing assertion shows why the command failed.
            var exit = await TandemCli.RunAsync(args, writer);
            return (exit, writer.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Tests that redirect the console run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
