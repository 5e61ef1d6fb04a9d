using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Security;
using Tandem.Parties.Contracts;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Contacts;

public sealed record ContactDto(
    Guid Id, Guid PartyId, Guid AccountId, string Name, string? Email, string? JobTitle, ContactRole Role, DateTimeOffset CreatedAt, long Version)
{
    internal static readonly Expression<Func<Contact, ContactDto>> Projection = c => new ContactDto(
        c.Id, c.PartyId, c.AccountId, c.Name, c.Email, c.JobTitle, c.Role, c.CreatedAt, c.Version);

    internal static readonly Func<Contact, ContactDto> FromRecord = Projection.Compile();
}

/// <summary>Create: <c>partyId</c> links a person already in the master; otherwise <c>name</c> (and email, phone) registers one.</summary>
public sealed record ContactInput(
    Guid AccountId, string? Name = null, Guid? PartyId = null, string? Email = null, string? Phone = null, string? JobTitle = null,
    ContactRole Role = ContactRole.Other);

internal sealed class ContactsHandler(CrmDb db, CrmVisibility visibility, IPartiesModule parties, DbSession session, ISearchIndex search, TimeProvider clock)
{
    internal static readonly SortMap<Contact> Sorts = new SortMap<Contact>("name")
        .Add("name", c => c.Name)
        .Add("createdAt", c => c.CreatedAt);

    public async Task<Result<Page<ContactDto>>> ListAsync(Guid? accountId, string? name, PageRequest page, CancellationToken ct)
    {
        var query = await visibility.ContactsAsync(ct);
        if (accountId is { } account)
            query = query.Where(c => c.AccountId == account);
        if (!string.IsNullOrWhiteSpace(name))
        {
            var prefix = name.Trim();
            query = query.Where(c => c.Name.StartsWith(prefix));
        }
        return await query.ToPageAsync(page, Sorts, ContactDto.Projection, ct);
    }

    public async Task<Result<ContactDto>> GetAsync(Guid id, CancellationToken ct) =>
        await (await visibility.ContactsAsync(ct)).Where(c => c.Id == id).Select(ContactDto.Projection).SingleOrDefaultAsync(ct) is { } contact
            ? contact
            : Error.NotFound("Contact");

    public async Task<Result<ContactDto>> CreateAsync(ContactInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Optional("jobTitle", input.JobTitle, 100)
            .When(!Enum.IsDefined(input.Role), "role", "decisionMaker, champion, influencer, user, gatekeeper or other.");
        if (input.PartyId is null)
            errors.Required("name", input.Name);
        if (errors.Any)
            return errors.ToError();
        if (!await (await visibility.AccountsAsync(ct)).AnyAsync(a => a.Id == input.AccountId, ct))
            return Error.Validation("accountId", "No such account.");
        await using var unit = await session.BeginAsync(ct);
        var contact = await AddAsync(input, ct);
        if (!contact.IsSuccess)
            return contact.Error!;
        await unit.CommitAsync(ct);
        return ContactDto.FromRecord(contact.Value);
    }

    /// <summary>Registers or links the person and adds the contact, inside the caller's unit of work (lead conversion uses it too).</summary>
    internal async Task<Result<Contact>> AddAsync(ContactInput input, CancellationToken ct)
    {
        PartySummary party;
        if (input.PartyId is { } partyId)
        {
            if (await parties.FindAsync(partyId, ct) is not { } found)
                return Error.Validation("partyId", "No such party.");
            if (found.Kind != PartyKind.Person)
                return Error.Validation("partyId", "A contact is a person, not an organisation.");
            party = found;
        }
        else
        {
            var registered = await parties.RegisterAsync(new NewParty(PartyKind.Person, input.Name!, input.Email, input.Phone), ct);
            if (!registered.IsSuccess)
                return registered.Error!;
            party = registered.Value;
        }
        var contact = Contact.Add(party.Id, input.AccountId, party.Name, party.Email ?? input.Email, input.JobTitle, input.Role, clock.GetUtcNow());
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(contact), ct);
        return contact;
    }

    public async Task<Result<ContactDto>> UpdateAsync(Guid id, ContactInput input, Func<long, Error?> checkVersion, CancellationToken ct)
    {
        if (await CrmVisibility.TrackedAsync(await visibility.ContactsAsync(ct), id, ct) is not { } contact)
            return Error.NotFound("Contact");
        if (checkVersion(contact.Version) is { } stale)
            return stale;
        var errors = new FieldErrors()
            .Optional("jobTitle", input.JobTitle, 100)
            .When(!Enum.IsDefined(input.Role), "role", "decisionMaker, champion, influencer, user, gatekeeper or other.");
        if (errors.Any)
            return errors.ToError();
        if (!await (await visibility.AccountsAsync(ct)).AnyAsync(a => a.Id == input.AccountId, ct))
            return Error.Validation("accountId", "No such account.");
        await using var unit = await session.BeginAsync(ct);
        contact.Change(input.AccountId, input.JobTitle, input.Role);
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(contact), ct);
        await unit.CommitAsync(ct);
        return ContactDto.FromRecord(contact);
    }
}

internal static class ContactsEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var contacts = crm.MapGroup("/contacts").WithTags("CRM contacts");
        contacts.MapGet("/", async (int? limit, string? after, string? sort, Guid? accountId, string? name, ContactsHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(accountId, name, new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithName("ListContacts").WithSummary("List contacts at the accounts you may see");
        contacts.MapGet("/{id:guid}", async (Guid id, ContactsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttpWithETag(http.Response, c => c.Version))
            .RequireAuthorization(CrmPermissions.Read).WithName("GetContact").WithSummary("Read one contact");
        contacts.MapPost("/", async (ContactInput input, ContactsHandler handler, CancellationToken ct) =>
                (await handler.CreateAsync(input, ct)).ToHttp(c => Results.Created($"/api/v1/crm/contacts/{c.Id}", c)))
            .RequireAuthorization(CrmPermissions.Write).WithName("CreateContact").WithSummary("Add a person at an account, with their role");
        contacts.MapPut("/{id:guid}", async (Guid id, ContactInput input, ContactsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.UpdateAsync(id, input, v => ETags.Check(http.Request, v), ct)).ToHttpWithETag(http.Response, c => c.Version))
            .RequireAuthorization(CrmPermissions.Write).WithName("UpdateContact").WithSummary("Change a contact's account, job title and role; send If-Match");
    }
}
