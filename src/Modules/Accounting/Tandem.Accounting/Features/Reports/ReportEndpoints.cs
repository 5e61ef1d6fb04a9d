using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tandem.Accounting.Contracts;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features.Reports;

internal static class ReportEndpoints
{
    public static void Map(IEndpointRouteBuilder reports)
    {
        reports.MapGet("/trial-balance", async (DateOnly? from, DateOnly? to, string? compare, DateOnly? compareFrom, DateOnly? compareTo, string? format, ReportsQuery query, TimeProvider clock, CancellationToken ct) =>
            {
                var range = ReportRange.Read(from, to, compare, compareFrom, compareTo, Today(clock));
                if (!range.IsSuccess)
                    return Problems.From(range.Error!);
                var report = await query.TrialBalanceAsync(range.Value, ct);
                return Respond(format, report, "trial-balance", () => Csv.Write(
                    ["code", "name", "type", "opening", "debit", "credit", "closing", "comparison"],
                    report.Rows.Select(r => new[]
                    {
                        r.Code, r.Name, Name(r.Type), Csv.Amount(r.Opening), Csv.Amount(r.Debit), Csv.Amount(r.Credit), Csv.Amount(r.Closing),
                        r.Comparison is { } c ? Csv.Amount(c) : "",
                    })));
            })
            .RequireAuthorization(AccountingPermissions.Read)
            .WithName("TrialBalance")
            .WithSummary("Opening, debits, credits and closing per account over a date range (format=csv or xlsx for a file)");

        reports.MapGet("/profit-and-loss", async (DateOnly? from, DateOnly? to, string? compare, DateOnly? compareFrom, DateOnly? compareTo, string? format, ReportsQuery query, TimeProvider clock, CancellationToken ct) =>
            {
                var range = ReportRange.Read(from, to, compare, compareFrom, compareTo, Today(clock));
                if (!range.IsSuccess)
                    return Problems.From(range.Error!);
                var report = await query.ProfitAndLossAsync(range.Value, ct);
                return Respond(format, report, "profit-and-loss", () => Csv.Write(
                    ["section", "code", "name", "amount", "comparison", "budget"],
                    new[] { report.Income, report.Expenses }.SelectMany(s => s.Rows.Select(r => new[] { s.Title, r.Code, r.Name, Csv.Amount(r.Amount), r.Comparison is { } c ? Csv.Amount(c) : "", r.Budget is { } b ? Csv.Amount(b) : "" })
                        .Append([s.Title, "", "Total " + s.Title.ToLowerInvariant(), Csv.Amount(s.Total), s.ComparisonTotal is { } t ? Csv.Amount(t) : "", s.BudgetTotal is { } bt ? Csv.Amount(bt) : ""]))
                        .Append(["", "", "Net profit", Csv.Amount(report.NetProfit), report.ComparisonNetProfit is { } n ? Csv.Amount(n) : "", Csv.Amount(report.BudgetNetProfit)])));
            })
            .RequireAuthorization(AccountingPermissions.Read)
            .WithName("ProfitAndLoss")
            .WithSummary("Income, expenses and net profit over a date range, with an optional comparison range and the budget");

        reports.MapGet("/balance-sheet", async (DateOnly? date, DateOnly? compareDate, string? format, ReportsQuery query, TimeProvider clock, CancellationToken ct) =>
            {
                var at = date ?? Today(clock);
                if (at.Year is < 1900 or > 2999 || compareDate?.Year is < 1900 or > 2999)
                    return Problems.From(Error.Validation("date", "Dates between 1900 and 2999."));
                var report = await query.BalanceSheetAsync(at, compareDate, ct);
                return Respond(format, report, "balance-sheet", () => Csv.Write(
                    ["section", "code", "name", "amount", "comparison"],
                    new[] { report.Assets, report.Liabilities, report.Equity }.SelectMany(s => s.Rows.Select(r => new[] { s.Title, r.Code, r.Name, Csv.Amount(r.Amount), r.Comparison is { } c ? Csv.Amount(c) : "" })
                        .Append([s.Title, "", "Total " + s.Title.ToLowerInvariant(), Csv.Amount(s.Total), s.ComparisonTotal is { } t ? Csv.Amount(t) : ""]))));
            })
            .RequireAuthorization(AccountingPermissions.Read)
            .WithName("BalanceSheet")
            .WithSummary("Assets, liabilities and equity at a date, with an optional comparison date");

        reports.MapGet("/general-ledger", async (Guid? accountId, DateOnly? from, DateOnly? to, string? format, ReportsQuery query, TimeProvider clock, CancellationToken ct) =>
            {
                if (accountId is null)
                    return Problems.From(Error.Validation("accountId", "Required."));
                var range = ReportRange.Read(from, to, null, null, null, Today(clock));
                if (!range.IsSuccess)
                    return Problems.From(range.Error!);
                var report = await query.GeneralLedgerAsync(accountId.Value, range.Value.From, range.Value.To, ct);
                if (!report.IsSuccess)
                    return Problems.From(report.Error!);
                var ledger = report.Value;
                return Respond(format, ledger, "general-ledger", () => Csv.Write(
                    ["date", "entry", "description", "debit", "credit", "balance", "amount", "currency"],
                    ledger.Lines.Select(l => new[] { l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.EntryNumber ?? "", l.Description, Csv.Amount(l.Debit), Csv.Amount(l.Credit), Csv.Amount(l.Balance), Csv.Amount(l.Amount), l.Amount.Currency.Value })));
            })
            .RequireAuthorization(AccountingPermissions.Read)
            .WithName("GeneralLedger")
            .WithSummary("The posted lines of one account over a range with opening and running balance: the entries behind a figure");
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string Name(AccountType type) => type.ToString().ToLowerInvariant();

    private static IResult Respond<T>(string? format, T report, string name, Func<string> csv) => format?.ToLowerInvariant() switch
    {
        null or "" or "json" => Results.Ok(report),
        "csv" => Results.File(Encoding.UTF8.GetBytes(csv()), "text/csv; charset=utf-8", $"{name}.csv"),
        "xlsx" => Results.File(Xlsx.FromCsv(csv(), name), Xlsx.ContentType, $"{name}.xlsx"),
        _ => Problems.From(Error.Validation("format", "json, csv or xlsx.")),
    };
}

/// <summary>The same table as the CSV export, as an Excel workbook with amounts as numbers.</summary>
internal static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly HashSet<string> AmountColumns = new(StringComparer.Ordinal)
    {
        "opening", "debit", "credit", "closing", "comparison", "amount", "budget", "balance",
        "notDue", "days1To30", "days31To60", "days61To90", "over90", "total",
    };

    public static byte[] FromCsv(string csv, string sheet)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = Cells(lines[0]);
        var rows = lines.Skip(1).Select(line =>
        {
            var cells = Cells(line);
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                var cell = i < cells.Count ? cells[i] : "";
                row[header[i]] = AmountColumns.Contains(header[i]) && decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : cell;
            }
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows, sheetName: sheet);
        return stream.ToArray();
    }

    // Reads back one line the CSV writer produced: commas separate, quoted cells double their quotes.
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}

/// <summary>RFC 4180 CSV with invariant numbers, for spreadsheets.</summary>
internal static class Csv
{
    public static string Amount(Money money) => money.Amount.ToString("0.00##", CultureInfo.InvariantCulture);

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows)
            Line(text, row);
        return text.ToString();
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
                text.Append(',');
            var cell = cells[i];
            // A leading =, +, - or @ would run as a formula in a spreadsheet; a quote mark keeps it text.
            if (cell.Length > 0 && cell[0] is '=' or '+' or '@' && !decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                cell = "'" + cell;
            if (cell.IndexOfAny([',', '"', '\n', '\r']) >= 0)
                text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                text.Append(cell);
        }
        text.Append("\r\n");
    }
}
