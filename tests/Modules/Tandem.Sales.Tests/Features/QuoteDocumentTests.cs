using System.Net;
using System.Net.Http.Json;
using System.Text;
using MimeKit;
using Tandem.Testing;

namespace Tandem.Sales.Tests.Features;

public class SalesMailSqliteServer : SqliteServer
{
    public TestSmtpServer Smtp { get; } = new();

    protected override IEnumerable<string> ExtraArguments => [.. Smtp.Arguments, "--Tandem:Outbox:PollInterval=00:00:00.300"];

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        await Smtp.DisposeAsync();
    }
}

public class SalesMailPostgresServer : PostgresServer
{
    public TestSmtpServer Smtp { get; } = new();

    protected override IEnumerable<string> ExtraArguments => [.. Smtp.Arguments, "--Tandem:Outbox:PollInterval=00:00:00.300"];

    protected override async Task DisposeDatabaseAsync()
    {
        await base.DisposeDatabaseAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The quote as the customer gets it: printable HTML, a PDF, and an email through a real SMTP server carrying the PDF.</summary>
public abstract class QuoteDocumentTests(TandemServer server, TestSmtpServer smtp)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_quote_prints_as_html_and_pdf_and_is_emailed_with_its_pdf()
    {
        var rep = await SalesClient.NewCompanyAsync(server);
        var bike = await rep.ProductAsync("BIKE-M", 500m, stock: 3, cost: 300m);
        var quote = await rep.QuoteAsync((bike, 2m, 10m, true));

        var html = await rep.Http.GetStringAsync($"/api/v1/sales/quotes/{quote.Id()}/document", Ct);
        Assert.Contains(quote.Str("number"), html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        // 2 × 450.00 = 900.00 + VAT 180.00 = 1,080.00.
        Assert.Contains("1,080.00 EUR", html, StringComparison.Ordinal);
        var pdf = await rep.Http.GetByteArrayAsync($"/api/v1/sales/quotes/{quote.Id()}/document?format=pdf", Ct);
        Assert.StartsWith("%PDF-1.4", Encoding.Latin1.GetString(pdf, 0, 8), StringComparison.Ordinal);
        Assert.Contains("Total 1,080.00 EUR", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);

        var bad = await rep.Http.PostAsJsonAsync($"/api/v1/sales/quotes/{quote.Id()}/send", new { to = "not an address" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var to = $"buyer-{Guid.NewGuid():N}@customer.example";
        var sent = await rep.PostAsync($"/api/v1/sales/quotes/{quote.Id()}/send", new { to, message = "As discussed." }, HttpStatusCode.OK);
        Assert.True(sent.TryGetProperty("sentAt", out var at) && at.ValueKind != System.Text.Json.JsonValueKind.Null);
        var message = await smtp.WaitForAsync(m => m.To.Mailboxes.Any(b => b.Address == to), TimeSpan.FromSeconds(30), "the quote is emailed");
        Assert.Equal($"Quote {quote.Str("number")} rev. 1", message.Subject);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content, Ct);
        Assert.StartsWith("%PDF", Encoding.Latin1.GetString(content.ToArray(), 0, 4), StringComparison.Ordinal);
    }
}

public sealed class QuoteDocumentTestsOnSqlite(SalesMailSqliteServer server) : QuoteDocumentTests(server, server.Smtp), IClassFixture<SalesMailSqliteServer>;

public sealed class QuoteDocumentTestsOnPostgres(SalesMailPostgresServer server) : QuoteDocumentTests(server, server.Smtp), IClassFixture<SalesMailPostgresServer>;
