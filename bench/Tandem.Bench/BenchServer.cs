using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tandem.Host;
using Tandem.Platform;
using Tandem.Platform.Identity;
using Tandem.Platform.Persistence;
using Tandem.Testing;

namespace Tandem.Bench;

/// <summary>
/// A real server on a fresh database (the test run's throwaway PostgreSQL cluster, or a SQLite file), with the
/// demo company and a signed-in API client; benchmarks load their data, then start it and measure over HTTP.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private const string Email = "bench@tandem.local";
    private const string Password = "Bench-Password-1";
    private readonly string? _folder;

    private BenchServer(DatabaseProvider provider, string connection, string? folder, WebApplication app, Guid company)
    {
        Provider = provider;
        ConnectionString = connection;
        _folder = folder;
        App = app;
        CompanyId = company;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public WebApplication App { get; }
    public Guid CompanyId { get; }
    public HttpClient Client { get; private set; } = new();

    /// <summary>
    /// Migrated and seeded, not yet listening: load bulk data first, then <see cref="StartAsync"/>. With
    /// <paramref name="existing"/> (a PostgreSQL connection string), measures a database loaded before instead.
    /// </summary>
    public static async Task<BenchServer?> CreateAsync(DatabaseProvider provider, string? existing = null)
    {
        string connection;
        string? folder = null;
        if (existing is not null)
            connection = existing;
        else if (provider == DatabaseProvider.Postgres)
        {
            if (!PostgresCluster.Shared.IsAvailable)
            {
                Console.Error.WriteLine(PostgresCluster.Shared.UnavailableReason);
                return null;
            }
            connection = await PostgresCluster.Shared.CreateDatabaseAsync("bench");
        }
        else
        {
            folder = Path.Combine(Path.GetTempPath(), "tandem-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            connection = $"Data Source={Path.Combine(folder, "bench.db")}";
        }

        var app = TandemApp.Build(
        [
            "--urls=http://127.0.0.1:0", $"--Tandem:Database:Provider={provider}", $"--ConnectionStrings:Tandem={connection}",
            $"--Tandem:Admin:Email={Email}", $"--Tandem:Admin:Password={Password}", "--Tandem:Demo=true",
        ], builder => builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Error)); // errors only: a failed request's cause is shown
        await using var scope = app.Services.CreateAsyncScope();
        var tasks = scope.ServiceProvider.GetRequiredService<StartupTasks>();
        await tasks.MigrateAsync(CancellationToken.None);
        await tasks.InitializeAsync(CancellationToken.None);
        var company = await scope.ServiceProvider.GetRequiredService<PlatformDb>().Companies.Select(c => c.Id).FirstAsync();
        return new BenchServer(provider, connection, folder, app, company);
    }

    public async Task StartAsync()
    {
        await App.StartAsync();
        Client = await SignInAsync(Email, Password);
    }

    /// <summary>An API client signed in as the user (a bench rep from <c>seed bench</c>, say).</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>The company's currency, straight from the database.</summary>
    public async Task<string> CurrencyAsync()
    {
        await using var pg = new NpgsqlConnection(ConnectionString);
        await pg.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT currency FROM platform.companies WHERE id = @c", pg);
        command.Parameters.AddWithValue("c", CompanyId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A scope acting as the system in the demo company, for direct queries beside the HTTP ones.</summary>
    public AsyncServiceScope Scope()
    {
        var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem(CompanyId);
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}

internal static class Bench
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    public static DatabaseProvider Provider(string[] args) =>
        Option(args, "--provider", "postgres").Equals("sqlite", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public static int Int(string[] args, string name, int fallback) =>
        int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>Times each run after one warm-up (plans, pools, caches); returns the sorted times in milliseconds.</summary>
    public static async Task<List<double>> TimesAsync(int runs, Func<int, Task> action)
    {
        await action(-1);
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action(i);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    /// <summary>A GET that must succeed, its body read to the end as a client would.</summary>
    public static async Task GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
    }

    public static object Summary(List<double> sortedTimes) =>
        new { runs = sortedTimes.Count, p50 = Percentile(sortedTimes, 50), p95 = Percentile(sortedTimes, 95), p99 = Percentile(sortedTimes, 99) };

    public static async Task<double> MedianAsync(int runs, Func<Task> action) =>
        Percentile(await TimesAsync(runs, _ => action()), 50);

    /// <summary>Nearest-rank percentile of sorted times.</summary>
    public static double Percentile(List<double> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static async Task<string> WriteResultAsync(string name, object result)
    {
        Directory.CreateDirectory("bench/results");
        var file = $"bench/results/{name}-{DateTime.UtcNow:yyyyMMddHHmmss}.json";
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result, Indented));
        return file;
    }
}
