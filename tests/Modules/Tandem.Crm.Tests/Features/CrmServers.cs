using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Crm.Tests.Features;

/// <summary>The test servers with small limits, so the attachment size limit and the web form rate limit are cheap to reach.</summary>
public sealed class CrmSqliteServer : SqliteServer
{
    protected override IEnumerable<string> ExtraArguments => CrmTestSettings.Arguments;
}

public sealed class CrmPostgresServer : PostgresServer
{
    protected override IEnumerable<string> ExtraArguments => CrmTestSettings.Arguments;
}

internal static class CrmTestSettings
{
    public const int MaxAttachmentBytes = 2048;
    public const int WebFormsPerWindow = 3;

    public static readonly string[] Arguments =
    [
        $"--Tandem:Crm:Attachments:MaxBytes={MaxAttachmentBytes}",
        $"--Tandem:Crm:WebToLead:PermitLimit={WebFormsPerWindow}",
        "--Tandem:Crm:WebToLead:Window=00:10:00",
    ];
}

/// <summary>Calls the tests share: users with roles, and records created through the API.</summary>
internal static class Crm
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(HttpClient Client, Guid UserId)> UserAsync(TandemServer server, params string[] roles)
    {
        var (email, password) = await server.CreateUserAsync(roles);
        var client = await server.ClientFor(email, password);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me", Ct);
        return (client, me.GetProperty("userId").GetGuid());
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync(url, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{url}: expected {expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> AccountAsync(HttpClient client, string name) =>
        PostAsync(client, "/api/v1/crm/accounts", new { name, industry = "Retail", segment = "SMB" });

    public static async Task<JsonElement> OpportunityAsync(HttpClient client, Guid accountId, string name, string amount = "1000.00", string close = "2027-03-15") =>
        await PostAsync(client, "/api/v1/crm/opportunities", new { name, accountId, amount = new { amount, currency = "EUR" }, expectedCloseDate = close });

    public static async Task<JsonElement> PipelineAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/crm/pipelines", Ct)).EnumerateArray().First(p => p.GetProperty("isDefault").GetBoolean());

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;
}
