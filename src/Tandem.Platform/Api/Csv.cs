using System.Text;

namespace Tandem.Platform.Api;

/// <summary>RFC 4180 lines for list exports; cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.</summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Line(IEnumerable<string?> cells)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
                builder.Append(',');
            first = false;
            builder.Append(Cell(cell));
        }
        return builder.Append("\r\n").ToString();
    }

    /// <summary>Writes the header and one line per row as UTF-8, streaming the rows as the query yields them.</summary>
    public static Func<Stream, Task> Export<T>(IEnumerable<string> header, IAsyncEnumerable<T> rows, Func<T, IEnumerable<string?>> cells, CancellationToken ct) =>
        async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            await writer.WriteAsync(Line(header));
            await foreach (var row in rows.WithCancellation(ct))
                await writer.WriteAsync(Line(cells(row)));
        };

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
