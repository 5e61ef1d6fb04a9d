using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Identity;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Platform.CustomFields;

/// <summary>The current company's custom fields for a record type: validates values on write and parses list filters.</summary>
public sealed class CustomFieldService(PlatformDb db, DbSession session, ICompanyContext company)
{
    private readonly Dictionary<string, IReadOnlyList<CustomFieldDefinition>> _loaded = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<CustomFieldDefinition>> DefinitionsAsync(string recordType, CancellationToken ct)
    {
        if (_loaded.TryGetValue(recordType, out var cached))
            return cached;
        // Inside a unit of work the platform context must read in its transaction (SQLite refuses otherwise).
        session.Enlist(db);
        var companyId = company.CompanyId;
        var definitions = await db.CustomFields.AsNoTracking()
            .Where(f => f.CompanyId == companyId && f.RecordType == recordType)
            .OrderBy(f => f.Position).ThenBy(f => f.Key)
            .ToListAsync(ct);
        _loaded[recordType] = definitions;
        return definitions;
    }

    /// <summary>The JSON to store for the values, or <c>custom_field_invalid</c> naming each bad field.</summary>
    public async Task<Result<string?>> ValidateAsync(string recordType, IReadOnlyDictionary<string, JsonElement>? values, CancellationToken ct) =>
        CustomFieldValues.Validate(await DefinitionsAsync(recordType, ct), values);

    /// <summary>On a change: the current JSON when the body leaves the values out, else the new values validated.</summary>
    public async Task<Result<string?>> ValidateChangeAsync(
        string recordType, IReadOnlyDictionary<string, JsonElement>? values, string? current, CancellationToken ct) =>
        values is null ? Result<string?>.Success(current) : await ValidateAsync(recordType, values, ct);

    public async Task<Result<IReadOnlyList<CustomFieldFilter>>> FiltersAsync(
        string recordType, IEnumerable<KeyValuePair<string, string?>> query, CancellationToken ct)
    {
        var pairs = query.ToList();
        if (!pairs.Any(p => p.Key.StartsWith("cf.", StringComparison.Ordinal)))
            return Array.Empty<CustomFieldFilter>();
        return CustomFieldStorage.ParseFilters(await DefinitionsAsync(recordType, ct), pairs);
    }
}
