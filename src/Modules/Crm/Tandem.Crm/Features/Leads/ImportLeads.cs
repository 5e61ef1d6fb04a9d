using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Crm.Contracts;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Security;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Leads;

/// <summary>One refused row of an import: its line in the file and every reason.</summary>
public sealed record ImportRowError(int Line, IReadOnlyList<string> Errors);

/// <summary>A row that was imported but looks like an existing party or open lead.</summary>
public sealed record ImportRowWarning(int Line, IReadOnlyList<LeadDuplicate> Duplicates);

public sealed record ImportResult(int Imported, IReadOnlyList<ImportRowWarning> Warnings);

/// <summary>
/// Imports leads from CSV (a header row naming the columns, then one lead per line). The whole file is
/// validated first; any bad row rejects the import, writes nothing, and the report lists every bad row.
/// Rows go to owners by the assignment rules; rows no rule takes belong to the importer.
/// </summary>
internal sealed class ImportLeadsHandler(
    LeadsHandler leads, LeadAssignment assignment, LeadDuplicates duplicates, CrmVisibility visibility, DbSession session, ICurrentUser user)
{
    public const int MaxRows = 5000;

    private static readonly string[] Columns = ["name", "company", "email", "phone", "jobtitle", "source", "industry", "country"];

    public async Task<Result<ImportResult>> HandleAsync(string csv, CancellationToken ct)
    {
        var records = CsvReader.Parse(csv);
        if (records.Count == 0)
            return new Error("import_empty", "The file has no header row.", ErrorKind.Validation);
        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)).ToList();
        var unknown = header.Where(h => !Columns.Contains(h)).ToList();
        if (!header.Contains("name") || unknown.Count > 0 || header.Distinct().Count() != header.Count)
            return new Error("import_header_invalid",
                $"The header must name the columns once each, including name; allowed: {string.Join(", ", Columns)}." + (unknown.Count > 0 ? $" Unknown: {string.Join(", ", unknown)}." : ""),
                ErrorKind.Validation);
        if (records.Count - 1 > MaxRows)
            return new Error("import_too_large", $"At most {MaxRows} rows per import.", ErrorKind.Validation);

        var rows = new List<(int Line, LeadDetails Details)>();
        var bad = new List<ImportRowError>();
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(string.IsNullOrWhiteSpace))
                continue;
            if (record.Error is { } malformed)
            {
                bad.Add(new ImportRowError(record.Line, [malformed]));
                continue;
            }
            if (record.Fields.Count != header.Count)
            {
                bad.Add(new ImportRowError(record.Line, [$"Expected {header.Count} fields, found {record.Fields.Count}."]));
                continue;
            }
            string? Get(string column) => header.IndexOf(column) is var i and >= 0 && record.Fields[i].Trim() is { Length: > 0 } v ? v : null;
            var details = new LeadDetails(Get("name") ?? "", Get("company"), Get("email"), Get("phone"), Get("jobtitle"), Get("source") ?? "import", Get("industry"), Get("country"));
            if (details.Validate() is { Fields: { } fields })
                bad.Add(new ImportRowError(record.Line, fields.SelectMany(f => f.Value.Select(m => $"{f.Key}: {m}")).ToList()));
            else
                rows.Add((record.Line, details));
        }
        if (bad.Count > 0)
            return new Error("import_rejected", $"{bad.Count} row(s) are invalid; nothing was imported.", ErrorKind.Rule)
            {
                Data = new Dictionary<string, object?> { ["rows"] = bad },
            };

        // Suspected duplicates do not stop the import: the report names them per line, against what existed before it.
        var warnings = new List<ImportRowWarning>();
        foreach (var (line, details) in rows)
        {
            if (await duplicates.FindAsync(details, null, ct) is { Count: > 0 } found)
                warnings.Add(new ImportRowWarning(line, found));
        }
        await using var unit = await session.BeginAsync(ct);
        var owner = user.UserId;
        var team = await visibility.TeamOfAsync(owner, ct);
        foreach (var (_, details) in rows)
        {
            // The assignment rules place imported leads; what no rule takes stays with the importer.
            var assigned = await assignment.AssignAsync(details.Country, ct);
            await leads.CaptureAsync(details, null, assigned?.OwnerId ?? owner, assigned is null ? team : assigned.Value.TeamId, ct);
        }
        await unit.CommitAsync(ct);
        return new ImportResult(rows.Count, warnings);
    }
}

/// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Each record knows its first line.</summary>
internal static class CsvReader
{
    public sealed record Record(int Line, List<string> Fields, string? Error);

    public static List<Record> Parse(string text)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var afterQuote = false;
        string? error = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                    afterQuote = true;
                }
                else
                {
                    if (c == '\n')
                        line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !afterQuote:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    afterQuote = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    records.Add(new Record(start, fields, error));
                    fields = [];
                    field.Clear();
                    afterQuote = false;
                    error = null;
                    line++;
                    start = line;
                    break;
                default:
                    if (c == '"' || afterQuote)
                        error ??= "A quote inside an unquoted field, or text after a closing quote.";
                    field.Append(c);
                    break;
            }
        }
        if (quoted)
            error ??= "A quoted field is not closed.";
        if (field.Length > 0 || fields.Count > 0 || quoted)
        {
            fields.Add(field.ToString());
            records.Add(new Record(start, fields, error));
        }
        return records;
    }
}

internal static class ImportLeadsEndpoint
{
    public static void Map(IEndpointRouteBuilder crm) =>
        crm.MapPost("/leads/import", async (HttpContext http, ImportLeadsHandler handler, CancellationToken ct) =>
            {
                if (http.Request.ContentType?.Split(';')[0].Trim() is not ("text/csv" or "text/plain"))
                    return Problems.Of("unsupported_media_type", "Send the file as text/csv.", StatusCodes.Status415UnsupportedMediaType);
                using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
                var csv = await reader.ReadToEndAsync(ct);
                return (await handler.HandleAsync(csv, ct)).ToHttp();
            })
            .RequireAuthorization(CrmPermissions.Write).WithTags("CRM leads").WithName("ImportLeads")
            .WithSummary("Import leads from CSV (text/csv body); any bad row rejects the file with 422 listing every bad row and line; rows that look like existing parties or open leads are imported and listed in warnings");
}
