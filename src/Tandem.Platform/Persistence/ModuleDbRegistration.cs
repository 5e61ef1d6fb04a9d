using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Tandem.Platform.Persistence;

/// <summary>The module contexts in migration order (platform first), filled as modules register.</summary>
public sealed class ModuleDbRegistry
{
    private readonly List<Type> _contexts = [];

    public IReadOnlyList<Type> Contexts => _contexts;

    internal void Add(Type context)
    {
        if (!_contexts.Contains(context))
            _contexts.Add(context);
    }
}

public static class ModuleDbRegistration
{
    /// <summary>
    /// Registers a module's context on the shared connection. The provider-specific subclasses exist so that
    /// each provider has its own migrations; code depends on <typeparamref name="TContext"/> only.
    /// </summary>
    public static IServiceCollection AddModuleDb<TContext, TSqlite, TPostgres>(this IServiceCollection services, string schema)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        var registry = services.Select(d => d.ImplementationInstance).OfType<ModuleDbRegistry>().FirstOrDefault();
        if (registry is null)
        {
            registry = new ModuleDbRegistry();
            services.AddSingleton(registry);
        }
        registry.Add(typeof(TContext));

        services.AddDbContext<TSqlite>((sp, options) => ConfigureSqlite(options, sp.GetRequiredService<DbSession>().Connection, schema));
        services.AddDbContext<TPostgres>((sp, options) => ConfigurePostgres(options, sp.GetRequiredService<DbSession>().Connection, schema));
        services.AddScoped<TContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? sp.GetRequiredService<TPostgres>()
                : sp.GetRequiredService<TSqlite>());
        return services;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, System.Data.Common.DbConnection connection, string schema) =>
        options.UseSqlite(connection, sqlite => sqlite.MigrationsHistoryTable($"{schema}__migrations"));

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, System.Data.Common.DbConnection connection, string schema) =>
        options.UseNpgsql(connection, npgsql => npgsql.MigrationsHistoryTable("__migrations", schema));
}

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a module context without the server: each module declares
/// one subclass per provider, e.g. <c>class PartiesSqliteFactory() : DesignTimeDbFactory&lt;PartiesDbSqlite&gt;(...)</c>.
/// </summary>
public abstract class DesignTimeDbFactory<TContext>(DatabaseProvider provider, string schema) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        if (provider == DatabaseProvider.Postgres)
            ModuleDbRegistration.ConfigurePostgres(builder, new NpgsqlConnection("Host=localhost"), schema);
        else
            ModuleDbRegistration.ConfigureSqlite(builder, new SqliteConnection("Data Source=:memory:"), schema);
        var options = Options.Create(new DatabaseOptions { Provider = provider });
        var session = new DbSession(options);
        var principal = new CurrentPrincipal();
        var constructor = typeof(TContext).GetConstructors().Single();
        var arguments = constructor.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(DbContextOptions<TContext>) => (object)builder.Options,
            var t when t == typeof(DbSession) => session,
            var t when t == typeof(ModuleDbServices) => new ModuleDbServices(session, principal, principal, TimeProvider.System, []),
            var t => throw new InvalidOperationException($"Design-time factory cannot supply {t.Name}."),
        }).ToArray();
        return (TContext)constructor.Invoke(arguments);
    }
}
