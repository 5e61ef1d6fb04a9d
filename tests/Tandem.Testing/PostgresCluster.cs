using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tandem.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb into a temporary folder, started with pg_ctl on a
/// free loopback port, stopped and deleted when the test process exits. One per test process; each test
/// fixture gets its own database in it. As root, the server runs as the <c>postgres</c> user, since
/// initdb and postgres refuse to run as root.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> SharedCluster = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private int _databases;

    private PostgresCluster(string? binaries, string? dataDirectory, int port, string? unavailableReason)
    {
        Binaries = binaries;
        DataDirectory = dataDirectory;
        Port = port;
        UnavailableReason = unavailableReason;
    }

    public static PostgresCluster Shared => SharedCluster.Value;

    public static bool Required => Environment.GetEnvironmentVariable("TANDEM_REQUIRE_POSTGRES") == "1";

    public string? Binaries { get; }
    public string? DataDirectory { get; }
    public int Port { get; }

    /// <summary>Why PostgreSQL tests cannot run here, or null when the cluster is up.</summary>
    public string? UnavailableReason { get; }

    public bool IsAvailable => UnavailableReason is null;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        if (!IsAvailable)
            throw new InvalidOperationException(UnavailableReason);
        var name = $"{prefix.ToLowerInvariant()}_{Interlocked.Increment(ref _databases)}_{Environment.ProcessId}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=40;Include Error Detail=true";

    private static PostgresCluster Start()
    {
        var binaries = FindBinaries();
        if (binaries is null)
        {
            var reason = "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin; install the 'postgresql' package.";
            if (Required)
                throw new InvalidOperationException(reason + " TANDEM_REQUIRE_POSTGRES=1 makes this a failure.");
            Console.Error.WriteLine("*** SKIPPING POSTGRESQL TESTS: " + reason);
            return new PostgresCluster(null, null, 0, reason);
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), $"tandem-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(dataDirectory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
            Run("chown", ["postgres:postgres", dataDirectory], asPostgres: false);
        Run(Path.Combine(binaries, "initdb"), ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"], asRoot);
        var port = FreePort();
        var options = $"-p {port} -k {dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB";
        Run(Path.Combine(binaries, "pg_ctl"), ["-D", dataDirectory, "-o", options, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "start"], asRoot);

        var cluster = new PostgresCluster(binaries, dataDirectory, port, null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(asRoot);
        return cluster;
    }

    private void Stop(bool asRoot)
    {
        try
        {
            Run(Path.Combine(Binaries!, "pg_ctl"), ["-D", DataDirectory!, "-m", "immediate", "-w", "stop"], asRoot);
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the folder is removed either way.
        }
        try
        {
            Directory.Delete(DataDirectory!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program])
                start.ArgumentList.Add(a);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} timed out.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error.Result}{output.Result}");
    }
}
