using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tandem.SharedKernel;

namespace Tandem.Platform.Persistence;

/// <summary>
/// The storage rules every module shares: snake_case names, one schema per module (a table prefix on SQLite),
/// decimals stored exactly so SQL can filter, sort and sum them natively, and a version concurrency token.
/// </summary>
public static class ModelConventions
{
    /// <summary>Digits after the point kept for a decimal when the mapping does not say otherwise.</summary>
    public const int DefaultDecimalScale = 4;

    public static void Configure(ModelConfigurationBuilder builder)
    {
        builder.Properties<CurrencyCode>().HaveConversion<CurrencyCodeConverter>().HaveMaxLength(3);
        builder.Properties<string>().HaveMaxLength(400);
    }

    public static void ApplyCompanyFilter(ModelBuilder modelBuilder, ModuleDbContext context)
    {
        var method = typeof(ModelConventions).GetMethod(nameof(FilterByCompany), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (entityType.BaseType is null && typeof(Entity).IsAssignableFrom(entityType.ClrType))
                method.MakeGenericMethod(entityType.ClrType).Invoke(null, [modelBuilder, context]);
        }
    }

    private static void FilterByCompany<T>(ModelBuilder modelBuilder, ModuleDbContext context) where T : Entity
    {
        // The filter reads the context's current company each time a query runs.
        Expression<Func<T, bool>> filter = e => e.CompanyId == context.CurrentCompanyIdForFilter;
        var entity = modelBuilder.Entity<T>();
        entity.HasQueryFilter(filter);
        entity.Property(e => e.Version).IsConcurrencyToken();
        entity.HasIndex(e => e.CompanyId);
    }

    public static void Finish(ModelBuilder modelBuilder, string schema, bool isPostgres)
    {
        if (isPostgres)
            modelBuilder.HasDefaultSchema(schema);
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (entityType.GetTableName() is { } table && entityType.BaseType is null)
            {
                var name = ToSnakeCase(table);
                entityType.SetTableName(isPostgres || name.StartsWith(schema + "_", StringComparison.Ordinal) ? name : $"{schema}_{name}");
            }
            FinishProperties(entityType.GetProperties(), isPostgres, prefix: null);
            foreach (var complex in entityType.GetComplexProperties())
                FinishProperties(complex.ComplexType.GetProperties(), isPostgres, prefix: complex.Name);
            foreach (var key in entityType.GetKeys())
                key.SetName(ToSnakeCase(key.GetName() ?? ""));
            foreach (var foreignKey in entityType.GetForeignKeys())
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName() ?? ""));
            foreach (var index in entityType.GetIndexes())
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName() ?? ""));
        }
    }

    private static void FinishProperties(IEnumerable<IMutableProperty> properties, bool isPostgres, string? prefix)
    {
        foreach (var property in properties)
        {
            var column = prefix is null ? property.GetColumnName() : $"{prefix}_{property.Name}";
            property.SetColumnName(ToSnakeCase(column));
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            if (type == typeof(DateTimeOffset) && !isPostgres)
            {
                // SQLite keeps DateTimeOffset as text it cannot compare or sort; UTC ticks sort natively.
                property.SetValueConverter(new UtcTicksConverter());
                continue;
            }
            if (type != typeof(decimal))
                continue;
            var scale = property.GetScale() ?? DefaultDecimalScale;
            if (isPostgres)
            {
                property.SetPrecision(28);
                property.SetScale(scale);
            }
            else
            {
                // SQLite has no decimal: store a 64-bit integer of 10^-scale units, which it compares and sums natively.
                property.SetValueConverter(new ScaledDecimalConverter(scale));
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        if (string.IsNullOrEmpty(name))
            return name;
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                var previousIsUpper = i > 0 && char.IsUpper(name[i - 1]);
                if (i > 0 && name[i - 1] != '_' && (previousIsLowerOrDigit || (previousIsUpper && nextIsLower)))
                    builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}

/// <summary>Stores a decimal as a 64-bit integer count of 10^-scale units (scale 4: 12.3456 ↔ 123456).</summary>
public sealed class ScaledDecimalConverter(int scale) : ValueConverter<decimal, long>(
    d => (long)decimal.Round(d * Pow10(scale), MidpointRounding.AwayFromZero),
    l => l / Pow10(scale))
{
    public int Scale { get; } = scale;

    public static decimal Pow10(int scale)
    {
        var factor = 1m;
        for (var i = 0; i < scale; i++)
            factor *= 10m;
        return factor;
    }
}

/// <summary>Stores an instant as its UTC ticks; read back with offset zero (instants are UTC in Tandem).</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    l => new DateTimeOffset(l, TimeSpan.Zero));

public sealed class CurrencyCodeConverter() : ValueConverter<CurrencyCode, string>(c => c.Value, s => new CurrencyCode(s));
