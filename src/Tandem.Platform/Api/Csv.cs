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

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
