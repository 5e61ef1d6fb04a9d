using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tandem.Host;
using Tandem.Platform;
using Tandem.Platform.Identity;
using Tandem.Platform.Modules;
using Tandem.Platform.Persistence;
using Xunit;

namespace Tandem.Testing;

/// <summary>
/// The real server, in this process, listening on a free loopback port, on a fresh database of its own
/// with the demo company seeded. API tests talk to it over HTTP; browser tests point Chromium at it.
/// </summary>
public abstract class TandemServer : IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin-Password-1";

    private WebApplication? _app;
    private string? _unavailable;

    public abstract DatabaseProvider Provider { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public string ConnectionString { get; private set; } = "";

    public IServiceProvider Services => Available().Services;

    public Guid DemoCompanyId { get; private set; }

    public static JsonSerializerOptions Json { get; } = CreateJson();

    protected abstract Task<string?> PrepareDatabaseAsync();

    /// <summary>Configuration a test server needs beyond the defaults, as <c>--Key=Value</c> arguments.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Services a test server adds, such as recording integration-event handlers.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async ValueTask InitializeAsync()
    {
        var connection = await PrepareDatabaseAsync();
        if (connection is null)
        {
            _unavailable = PostgresCluster.Shared.UnavailableReason;
            return;
        }
        ConnectionString = connection;
        _app = TandemApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Tandem:Database:Provider={Provider}",
            $"--ConnectionStrings:Tandem={connection}",
            $"--Tandem:Admin:Email={AdminEmail}",
            $"--Tandem:Admin:Password={AdminPassword}",
            "--Tandem:Demo=true",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Error",
            // Tests sign in far more often than a person; the limit itself is tested with a low setting.
            "--Tandem:RateLimits:SignIn:PermitLimit=100000",
            .. ExtraArguments,
        ], builder =>
        {
            builder.Logging.ClearProviders().AddConsole();
            ConfigureServices(builder.Services);
        });
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var tasks = scope.ServiceProvider.GetRequiredService<StartupTasks>();
            await tasks.MigrateAsync(CancellationToken.None);
            await tasks.InitializeAsync(CancellationToken.None);
            DemoCompanyId = await scope.ServiceProvider.GetRequiredService<PlatformDb>().Companies
                .Where(c => c.Code == StartupTasks.DemoCompanyCode).Select(c => c.Id).SingleAsync();
        }
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await DisposeDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;

    /// <summary>An anonymous client. Skips the test, loudly, when this provider is not available here.</summary>
    public HttpClient Anonymous()
    {
        Available();
        return new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>A client carrying a bearer token for the user.</summary>
    public async Task<HttpClient> ClientFor(string email, string password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminClient() => ClientFor(AdminEmail, AdminPassword);

    /// <summary>Creates a user with roles in a company (the demo company by default).</summary>
    public async Task<(string Email, string Password)> CreateUserAsync(string[] roles, Guid? companyId = null, string? email = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TandemUser>>();
        email ??= $"user{Guid.NewGuid():N}"[..16] + "@test.local";
        const string password = "User-Password-1";
        var company = companyId ?? DemoCompanyId;
        var user = new TandemUser { UserName = email, Email = email, DisplayName = email, DefaultCompanyId = company, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<PlatformDb>();
        db.Memberships.Add(new Membership { UserId = user.Id, CompanyId = company, Roles = [.. roles] });
        await db.SaveChangesAsync();
        return (email, password);
    }

    /// <summary>Creates another company the way the admin API does (each module sets it up: the default chart, say) and returns its id.</summary>
    public async Task<Guid> CreateCompanyAsync(string code)
    {
        await using var scope = Services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<CompanySetup>();
        var company = await setup.CreateAsync(code, $"Company {code}", "EUR", adminUserId: null, TestContext.Current.CancellationToken);
        return company.Id;
    }

    /// <summary>A service scope acting as the system in a company, for arranging data and reading it back.</summary>
    public AsyncServiceScope ScopeFor(Guid? companyId = null)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem(companyId ?? DemoCompanyId);
        return scope;
    }

    private WebApplication Available()
    {
        if (_unavailable is not null)
            Assert.Skip("*** PostgreSQL is not available here: " + _unavailable);
        return _app ?? throw new InvalidOperationException("The server has not started.");
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        TandemApp.ConfigureJson(json);
        json.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return json;
    }
}

/// <summary>The server on a fresh SQLite file.</summary>
public class SqliteServer : TandemServer
{
    private string? _folder;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string?> PrepareDatabaseAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "tandem-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        return Task.FromResult<string?>($"Data Source={Path.Combine(_folder, "tandem.db")}");
    }

    protected override Task DisposeDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (_folder is not null)
                Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}

/// <summary>The server on a fresh database in the test run's throwaway PostgreSQL cluster.</summary>
public class PostgresServer : TandemServer
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string?> PrepareDatabaseAsync() =>
        PostgresCluster.Shared.IsAvailable ? await PostgresCluster.Shared.CreateDatabaseAsync("tandem") : null;
}
