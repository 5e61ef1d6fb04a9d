using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Tandem.Platform.CustomFields;

/// <summary>The pieces every list with custom fields shares: the <c>cf.</c> filters of a request and the CSV columns of an export.</summary>
public static class CustomFieldColumns
{
    /// <summary>The <c>cf.key=value</c> pairs of a query string, for <see cref="CustomFieldService.FiltersAsync"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Filters(IQueryCollection query) =>
        query.Where(q => q.Key.StartsWith("cf.", StringComparison.Ordinal))
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
            .ToList();

    /// <summary>One CSV header per field, named as the filter is: <c>cf.key</c>.</summary>
    public static IEnumerable<string> Headers(IReadOnlyList<CustomFieldDefinition> fields) => fields.Select(f => $"cf.{f.Key}");

    /// <summary>The record's value of each field as a cell, in the order of <see cref="Headers"/>.</summary>
    public static IEnumerable<string?> Cells(IReadOnlyList<CustomFieldDefinition> fields, IReadOnlyDictionary<string, JsonElement> values) =>
        fields.Select(f => values.TryGetValue(f.Key, out var value) ? CustomFieldValues.Display(value) : null);
}
