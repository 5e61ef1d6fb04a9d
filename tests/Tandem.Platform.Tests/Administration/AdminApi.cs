using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Administration;

/// <summary>Small HTTP steps the administration tests share.</summary>
internal static class AdminApi
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    public static async Task<string?> CodeAsync(this HttpResponseMessage response) =>
        (await response.ReadAsync()).TryGetProperty("code", out var code) ? code.GetString() : null;

    public static async Task AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    public static string NewEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24] + "@test.local";

    public static async Task<JsonElement> CreateUserAsync(HttpClient admin, string email, params (Guid Company, string[] Roles)[] memberships)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/users", new
        {
            email,
            displayName = "Test " + email[..6],
            password = "User-Password-1",
            memberships = memberships.Select(m => new { companyId = m.Company, roles = m.Roles }),
        }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.ReadAsync();
    }

    public static async Task<Guid> CreateCompanyAsync(HttpClient admin, string code)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/companies", new { code, name = "Company " + code, currency = "EUR" }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.ReadAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> RegisterPartyAsync(HttpClient client, string name, Guid? company = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/parties/")
        {
            Content = JsonContent.Create(new { kind = "organisation", name, isCustomer = true }),
        };
        if (company is { } c)
            request.Headers.Add("X-Company-Id", c.ToString());
        var response = await client.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.ReadAsync();
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null, Guid? company = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (company is { } c)
            request.Headers.Add("X-Company-Id", c.ToString());
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request, Ct);
    }

    public static async Task<HttpResponseMessage> SignInAsync(TandemServer server, string email, string password) =>
        await server.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email, password }, Ct);
}
