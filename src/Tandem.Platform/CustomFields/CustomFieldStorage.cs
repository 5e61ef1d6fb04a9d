using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.CustomFields;

/// <summary>One <c>?cf.key=value</c> condition of a list, the value already in its canonical form.</summary>
public sealed record CustomFieldFilter(string Key, CustomFieldType Type, JsonNode Value);

/// <summary>
/// Where a record keeps its custom field values: one JSON column on the record's own table, <c>jsonb</c>
/// with a GIN index on PostgreSQL (filters are containment tests the index answers) and text on SQLite
/// (filters use <c>json_extract</c>). A module applies custom fields to a record with
/// <see cref="MapCustomFields{T}"/> in its mapping and <see cref="WhereCustomFields{T}"/> in its list query.
/// </summary>
public static class CustomFieldStorage
{
    public static void MapCustomFields<T>(this EntityTypeBuilder<T> entity, Expression<Func<T, string?>> column, bool isPostgres)
        where T : class
    {
        var name = ((MemberExpression)column.Body).Member.Name;
        entity.Property(column).HasColumnType(isPostgres ? "jsonb" : "text");
        if (isPostgres)
            entity.HasIndex(name).HasMethod("gin").HasOperators("jsonb_path_ops");
    }

    /// <summary>Registers the SQL functions the filters use; called for every module context.</summary>
    public static void RegisterFunctions(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(CustomFieldSql).GetMethod(nameof(CustomFieldSql.JsonText))!).HasName("json_extract").IsBuiltIn();
        modelBuilder.HasDbFunction(typeof(CustomFieldSql).GetMethod(nameof(CustomFieldSql.JsonNumber))!).HasName("json_extract").IsBuiltIn();
    }

    /// <summary>Keeps the records whose custom fields equal every filter; runs in SQL on both providers.</summary>
    public static IQueryable<T> WhereCustomFields<T>(
        this IQueryable<T> query, Expression<Func<T, string?>> column, IReadOnlyList<CustomFieldFilter> filters, DatabaseProvider provider)
    {
        foreach (var filter in filters)
        {
            var test = provider == DatabaseProvider.Postgres ? Contains(filter) : Extract(filter);
            var body = new Replace(test.Parameters[0], column.Body).Visit(test.Body);
            query = query.Where(Expression.Lambda<Func<T, bool>>(body, column.Parameters[0]));
        }
        return query;
    }

    private static Expression<Func<string?, bool>> Contains(CustomFieldFilter filter)
    {
        var contained = new JsonObject { [filter.Key] = filter.Value.DeepClone() }.ToJsonString();
        return json => EF.Functions.JsonContains(json!, contained);
    }

    private static Expression<Func<string?, bool>> Extract(CustomFieldFilter filter)
    {
        var path = $"$.\"{filter.Key}\"";
        switch (filter.Type)
        {
            case CustomFieldType.Number:
                var number = (double)filter.Value.GetValue<decimal>();
                return json => CustomFieldSql.JsonNumber(json, path) == number;
            case CustomFieldType.Boolean:
                // json_extract answers 1 or 0 for JSON true and false.
                var flag = filter.Value.GetValue<bool>() ? 1.0 : 0.0;
                return json => CustomFieldSql.JsonNumber(json, path) == flag;
            default:
                var text = filter.Value.GetValue<string>();
                return json => CustomFieldSql.JsonText(json, path) == text;
        }
    }

    /// <summary>Parses <c>?cf.key=value</c> pairs against the definitions.</summary>
    public static Tandem.SharedKernel.Result<IReadOnlyList<CustomFieldFilter>> ParseFilters(
        IReadOnlyList<CustomFieldDefinition> definitions, IEnumerable<KeyValuePair<string, string?>> query)
    {
        var filters = new List<CustomFieldFilter>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, raw) in query)
        {
            if (!name.StartsWith("cf.", StringComparison.Ordinal))
                continue;
            var key = name[3..];
            var definition = definitions.FirstOrDefault(d => d.Key == key);
            if (definition is null)
            {
                errors[name] = ["No such custom field."];
                continue;
            }
            var value = (raw ?? "").Trim();
            JsonNode? node = definition.Type switch
            {
                CustomFieldType.Number => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : null,
                CustomFieldType.Boolean => bool.TryParse(value, out var b) ? JsonValue.Create(b) : null,
                CustomFieldType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
                CustomFieldType.Choice => definition.Options.FirstOrDefault(o => string.Equals(o, value, StringComparison.OrdinalIgnoreCase)) is { } choice
                    ? JsonValue.Create(choice) : null,
                _ => value.Length is > 0 and <= 1000 ? JsonValue.Create(value) : null,
            };
            if (node is null)
                errors[name] = [$"Not a valid {definition.Type.ToString().ToLowerInvariant()} value."];
            else
                filters.Add(new CustomFieldFilter(key, definition.Type, node));
        }
        if (errors.Count > 0)
            return new Tandem.SharedKernel.Error(CustomFieldValues.InvalidCode, "A custom field filter is invalid.") { Fields = errors };
        return filters;
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>SQLite's <c>json_extract</c>, typed for the two kinds of comparison the filters make. Only for queries.</summary>
public static class CustomFieldSql
{
    public static string? JsonText(string? json, string path) => throw new NotSupportedException("Only for database queries.");

    public static double? JsonNumber(string? json, string path) => throw new NotSupportedException("Only for database queries.");
}
