using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tandem.Platform.Mail;
using Tandem.Platform.Persistence;
using Tandem.Sales.Data;
using Tandem.SharedKernel;

namespace Tandem.Sales.Features.Quotes;

internal sealed record SendInput(string? To, string? Message);

/// <summary>The quote as the customer receives it: a printable HTML page, a PDF, and an email carrying the PDF.</summary>
internal sealed class QuoteDocuments(SalesDb db, DbSession session, QuoteHandler quotes, IMailer mailer, TimeProvider clock)
{
    public async Task<Result<string>> HtmlAsync(Guid id, CancellationToken ct)
    {
        var quote = await quotes.GetAsync(id, ct);
        return quote.IsSuccess ? Html(quote.Value) : quote.Error!;
    }

    public async Task<Result<byte[]>> PdfAsync(Guid id, CancellationToken ct)
    {
        var quote = await quotes.GetAsync(id, ct);
        return quote.IsSuccess ? Pdf(quote.Value) : quote.Error!;
    }

    /// <summary>Queues the quote with its PDF to the address in this unit of work and marks it sent; the message leaves after commit.</summary>
    public async Task<Result<QuoteDto>> SendAsync(Guid id, SendInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("to", input.To, 254).Optional("message", input.Message, 2000)
            .When(input.To is { Length: > 0 } to && !System.Net.Mail.MailAddress.TryCreate(to.Trim(), out _), "to", "An email address.");
        if (errors.Any)
            return errors.ToError();
        var dto = await quotes.GetAsync(id, ct);
        if (!dto.IsSuccess)
            return dto.Error!;
        await using var unit = await session.BeginAsync(ct);
        var quote = await db.Quotes.SingleAsync(q => q.Id == id, ct);
        quote.MarkSent(clock.GetUtcNow());
        var q = dto.Value;
        var text = $"{input.Message?.Trim()}\n\nPlease find attached quote {q.Number} rev. {q.Revision}: total {Format(q.Total)}, valid until {q.ValidUntil:yyyy-MM-dd}.".Trim();
        await mailer.QueueAsync(quote.CompanyId, new OutgoingMail([input.To!.Trim()], $"Quote {q.Number} rev. {q.Revision}", Html(q), text, null,
            [new MailAttachment($"{q.Number}-rev{q.Revision}.pdf", "application/pdf", Pdf(q))]), ct);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return await quotes.ToDtoAsync(quote, ct);
    }

    private static string Format(Money money) => $"{money.Amount.ToString("N2", CultureInfo.InvariantCulture)} {money.Currency}";

    public static string Html(QuoteDto q)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Quote ").Append(E(q.Number)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{width:100%;border-collapse:collapse;margin-top:1rem}")
            .Append("th,td{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}td.n,th.n{text-align:right}.totals{margin-top:1rem;text-align:right}")
            .Append("@media print{body{margin:0}.noprint{display:none}@page{size:A4;margin:15mm}}</style></head><body>")
            .Append("<button class=\"noprint\" onclick=\"window.print()\">Print</button>")
            .Append("<h1>Quote ").Append(E(q.Number)).Append(" rev. ").Append(q.Revision).Append("</h1>")
            .Append("<p>For <b>").Append(E(q.CustomerName)).Append("</b><br>Date ").Append(q.QuoteDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(" · valid until ").Append(q.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(" · ships complete ").Append(q.ShipCompleteDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</p>")
            .Append("<table><thead><tr><th>#</th><th>Description</th><th class=\"n\">Quantity</th><th class=\"n\">Unit price</th><th class=\"n\">Discount</th><th>Tax</th><th class=\"n\">Net</th><th>Ships</th></tr></thead><tbody>");
        foreach (var l in q.Lines)
        {
            html.Append("<tr><td>").Append(l.LineNumber).Append("</td><td>").Append(E(l.Description)).Append("</td><td class=\"n\">")
                .Append(l.Quantity.ToString("0.####", CultureInfo.InvariantCulture)).Append(' ').Append(E(l.Unit)).Append("</td><td class=\"n\">")
                .Append(l.UnitPrice.Amount.ToString("N2", CultureInfo.InvariantCulture)).Append("</td><td class=\"n\">")
                .Append(l.DiscountPercent == 0 ? "" : l.DiscountPercent.ToString("0.##", CultureInfo.InvariantCulture) + " %").Append("</td><td>")
                .Append(E(l.TaxCode)).Append("</td><td class=\"n\">").Append(l.Net.Amount.ToString("N2", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(l.PromiseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</td></tr>");
        }
        html.Append("</tbody></table><p class=\"totals\">Untaxed ").Append(Format(q.Untaxed)).Append("<br>Tax ").Append(Format(q.Tax))
            .Append("<br><b>Total ").Append(Format(q.Total)).Append("</b></p>");
        if (q.Notes is not null)
            html.Append("<p>").Append(E(q.Notes)).Append("</p>");
        return html.Append("</body></html>").ToString();
    }

    /// <summary>
    /// A plain A4 PDF in Helvetica, one of the fonts every PDF reader has built in, so nothing needs font files on
    /// the server (see ADR 0008).
    /// </summary>
    public static byte[] Pdf(QuoteDto q)
    {
        var lines = new List<string>
        {
            $"Quote {q.Number} rev. {q.Revision}",
            "",
            $"For: {q.CustomerName}",
            $"Date {q.QuoteDate:yyyy-MM-dd}   valid until {q.ValidUntil:yyyy-MM-dd}   ships complete {q.ShipCompleteDate:yyyy-MM-dd}",
            "",
        };
        foreach (var l in q.Lines)
        {
            var discount = l.DiscountPercent == 0 ? "" : $" less {l.DiscountPercent.ToString("0.##", CultureInfo.InvariantCulture)} %";
            lines.Add($"{l.LineNumber}. {l.Description}");
            lines.Add($"    {l.Quantity.ToString("0.####", CultureInfo.InvariantCulture)} {l.Unit} x {l.UnitPrice.Amount.ToString("N2", CultureInfo.InvariantCulture)}{discount}"
                + $"  {l.TaxCode}  net {l.Net.Amount.ToString("N2", CultureInfo.InvariantCulture)}  ships {l.PromiseDate:yyyy-MM-dd}");
        }
        lines.Add("");
        lines.Add($"Untaxed {Format(q.Untaxed)}   Tax {Format(q.Tax)}   Total {Format(q.Total)}");
        if (q.Notes is not null)
        {
            lines.Add("");
            lines.AddRange(q.Notes.Split('\n').Select(n => n.TrimEnd('\r')));
        }
        return SimplePdf.Write(lines);
    }
}

/// <summary>Writes lines of text as an A4 PDF in the built-in Helvetica (WinAnsi), 50 lines a page.</summary>
internal static class SimplePdf
{
    private const int LinesPerPage = 50;

    public static byte[] Write(IReadOnlyList<string> lines)
    {
        var pages = lines.Chunk(LinesPerPage).ToList();
        if (pages.Count == 0)
            pages.Add([]);
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(" ", pages.Select((_, i) => $"{4 + 2 * i} 0 R"))}] /Count {pages.Count} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        };
        foreach (var page in pages)
        {
            var content = new StringBuilder("BT /F1 10 Tf 14 TL 50 800 Td\n");
            foreach (var line in page)
                content.Append('(').Append(Escape(line)).Append(") Tj T*\n");
            content.Append("ET");
            var stream = content.ToString();
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {objects.Count + 2} 0 R >>");
            objects.Add($"<< /Length {Latin1(stream).Length} >>\nstream\n{stream}\nendstream");
        }
        var pdf = new MemoryStream();
        void Put(string text)
        {
            var bytes = Latin1(text);
            pdf.Write(bytes, 0, bytes.Length);
        }
        Put("%PDF-1.4\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            Put($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Position;
        Put($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            Put($"{offset.ToString("D10", CultureInfo.InvariantCulture)} 00000 n \n");
        Put($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static string Escape(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var safe = c is '\t' ? ' ' : c < ' ' || c > 'ÿ' ? '?' : c;
            if (safe is '(' or ')' or '\\')
                clean.Append('\\');
            clean.Append(safe);
        }
        return clean.ToString();
    }

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
