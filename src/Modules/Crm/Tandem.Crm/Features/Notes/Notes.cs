using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tandem.Crm.Contracts;
using Tandem.Crm.Data;
using Tandem.Crm.Domain;
using Tandem.Crm.Features.Activities;
using Tandem.Crm.Features.Security;
using Tandem.Platform;
using Tandem.Platform.Api;
using Tandem.Platform.Persistence;
using Tandem.Platform.Search;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features.Notes;

public sealed record AttachmentDto(Guid Id, string FileName, string ContentType, long Size, DateTimeOffset CreatedAt);

public sealed record NoteDto(
    Guid Id, string Text, Guid? LeadId, Guid? AccountId, Guid? ContactId, Guid? OpportunityId, string AuthorName, DateTimeOffset CreatedAt,
    IReadOnlyList<AttachmentDto> Attachments);

public sealed record NoteInput(string Text, Guid? LeadId = null, Guid? AccountId = null, Guid? ContactId = null, Guid? OpportunityId = null);

/// <summary>A file to attach as a page or the API hands it over: the declared type, the name and the bytes.</summary>
public sealed record AttachmentUpload(string FileName, string? ContentType, Stream Content);

internal sealed class NotesHandler(
    CrmDb db, CrmVisibility visibility, ActivitiesHandler activities, AttachmentStore store, DbSession session, ISearchIndex search,
    ICurrentUser user, TimeProvider clock)
{
    internal static readonly SortMap<Note> Sorts = new SortMap<Note>("-createdAt").Add("createdAt", n => n.CreatedAt);

    private static readonly Expression<Func<Note, NoteDto>> Projection = n => new NoteDto(
        n.Id, n.Text, n.LeadId, n.AccountId, n.ContactId, n.OpportunityId, n.AuthorName, n.CreatedAt, new List<AttachmentDto>());

    public async Task<Result<Page<NoteDto>>> ListAsync(RecordLinks links, PageRequest page, CancellationToken ct)
    {
        var query = await visibility.NotesAsync(ct);
        if (links.LeadId is { } lead)
            query = query.Where(a => a.LeadId == lead);
        if (links.AccountId is { } account)
            query = query.Where(a => a.AccountId == account);
        if (links.ContactId is { } contact)
            query = query.Where(a => a.ContactId == contact);
        if (links.OpportunityId is { } opportunity)
            query = query.Where(a => a.OpportunityId == opportunity);
        var notes = await query.ToPageAsync(page, Sorts, Projection, ct);
        if (!notes.IsSuccess)
            return notes;
        var ids = notes.Value.Items.Select(n => n.Id).ToList();
        var files = await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.NoteId)).OrderBy(a => a.CreatedAt)
            .Select(a => new { a.NoteId, Dto = new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.CreatedAt) }).ToListAsync(ct);
        return notes.Value with
        {
            Items = notes.Value.Items.Select(n => n with { Attachments = files.Where(f => f.NoteId == n.Id).Select(f => f.Dto).ToList() }).ToList(),
        };
    }

    public async Task<Result<NoteDto>> WriteAsync(NoteInput input, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Required("text", input.Text, 20000)
            .When(input.LeadId is null && input.AccountId is null && input.ContactId is null && input.OpportunityId is null, "links",
                "Link the note to a lead, account, contact or opportunity.");
        if (errors.Any)
            return errors.ToError();
        var links = await activities.ResolveAsync(new RecordLinks(input.LeadId, input.AccountId, input.ContactId, input.OpportunityId), ct);
        if (!links.IsSuccess)
            return links.Error!;
        await using var unit = await session.BeginAsync(ct);
        var note = Note.Write(input.Text, links.Value, user.UserId, user.DisplayName, clock.GetUtcNow());
        db.Notes.Add(note);
        await db.SaveChangesAsync(ct);
        await search.IndexAsync(SearchDocuments.For(note), ct);
        await unit.CommitAsync(ct);
        return new NoteDto(note.Id, note.Text, note.LeadId, note.AccountId, note.ContactId, note.OpportunityId, note.AuthorName, note.CreatedAt, []);
    }

    public async Task<Result<AttachmentDto>> AttachAsync(Guid noteId, AttachmentUpload upload, CancellationToken ct)
    {
        if (!await (await visibility.NotesAsync(ct)).AnyAsync(n => n.Id == noteId, ct))
            return Error.NotFound("Note");
        var checkedFile = await store.CheckAsync(upload, ct);
        if (!checkedFile.IsSuccess)
            return checkedFile.Error!;
        var fileName = Path.GetFileName(upload.FileName.Replace('\\', '/')).Trim();
        await using var unit = await session.BeginAsync(ct);
        var attachment = Attachment.Add(noteId, fileName.Length == 0 ? "file" : fileName, checkedFile.Value.ContentType, checkedFile.Value.Bytes.Length,
            store.StorageName, clock.GetUtcNow());
        db.Attachments.Add(attachment);
        await store.SaveAsync(attachment.Id, checkedFile.Value.Bytes, ct);
        await db.SaveChangesAsync(ct);
        await unit.CommitAsync(ct);
        return new AttachmentDto(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.CreatedAt);
    }

    /// <summary>The file, only for those who see the note it hangs on.</summary>
    public async Task<Result<(AttachmentDto File, byte[] Bytes)>> DownloadAsync(Guid attachmentId, CancellationToken ct)
    {
        var notes = await visibility.NotesAsync(ct);
        var attachment = await db.Attachments.AsNoTracking().Where(a => a.Id == attachmentId && notes.Any(n => n.Id == a.NoteId)).SingleOrDefaultAsync(ct);
        if (attachment is null)
            return Error.NotFound("Attachment");
        var bytes = await store.ReadAsync(attachment.Id, attachment.Storage, ct);
        if (bytes is null)
            return Error.NotFound("Attachment content");
        return (new AttachmentDto(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.CreatedAt), bytes);
    }
}

internal sealed record CheckedFile(string ContentType, byte[] Bytes);

/// <summary>
/// Checks and keeps attachment bytes: a size limit, a content type on the allow list, and first bytes that
/// agree with it (a renamed executable is not a PDF). Files go to the database unless a folder is configured.
/// </summary>
internal sealed class AttachmentStore(CrmDb db, IOptions<CrmOptions> options)
{
    private AttachmentOptions Settings => options.Value.Attachments;

    public string StorageName => string.IsNullOrWhiteSpace(Settings.Folder) ? "database" : "folder";

    public async Task<Result<CheckedFile>> CheckAsync(AttachmentUpload upload, CancellationToken ct)
    {
        var declared = (upload.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (!Settings.AllowedContentTypes.Contains(declared, StringComparer.OrdinalIgnoreCase))
            return new Error("attachment_type_not_allowed", $"Files of type '{declared}' are not accepted. Accepted: {string.Join(", ", Settings.AllowedContentTypes)}.", ErrorKind.Validation);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.Content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > Settings.MaxBytes)
                return new Error("attachment_too_large", $"Files may be at most {Settings.MaxBytes} bytes.", ErrorKind.Validation)
                {
                    Data = new Dictionary<string, object?> { ["maxBytes"] = Settings.MaxBytes },
                };
        }
        var bytes = buffer.ToArray();
        if (bytes.Length == 0)
            return new Error("attachment_empty", "The file is empty.", ErrorKind.Validation);
        if (!ContentSniffer.Agrees(declared, bytes))
            return new Error("attachment_content_mismatch", $"The file's content is not {declared}.", ErrorKind.Validation);
        return new CheckedFile(declared, bytes);
    }

    public async Task SaveAsync(Guid attachmentId, byte[] bytes, CancellationToken ct)
    {
        if (StorageName == "database")
        {
            db.AttachmentContents.Add(new AttachmentContent(attachmentId, bytes));
            return;
        }
        Directory.CreateDirectory(Settings.Folder!);
        await File.WriteAllBytesAsync(Path.Combine(Settings.Folder!, attachmentId.ToString("N")), bytes, ct);
    }

    public async Task<byte[]?> ReadAsync(Guid attachmentId, string storage, CancellationToken ct)
    {
        if (storage == "database")
            return await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == attachmentId).Select(c => c.Bytes).SingleOrDefaultAsync(ct);
        var path = Path.Combine(Settings.Folder ?? "", attachmentId.ToString("N"));
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }
}

/// <summary>Recognises a file type from its first bytes.</summary>
internal static class ContentSniffer
{
    public static bool Agrees(string contentType, ReadOnlySpan<byte> bytes) => contentType switch
    {
        "application/pdf" => bytes.StartsWith("%PDF-"u8),
        "image/png" => bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
        "image/jpeg" => bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
        "image/gif" => bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => bytes.StartsWith("PK\x03\x04"u8),
        "text/plain" or "text/csv" => IsText(bytes[..Math.Min(bytes.Length, 4096)]),
        _ => false,
    };

    // Text has no NUL bytes and decodes as UTF-8 (a cut multi-byte character at the end of the sample is allowed).
    private static bool IsText(ReadOnlySpan<byte> sample)
    {
        if (sample.Contains((byte)0))
            return false;
        var status = System.Text.Unicode.Utf8.ToUtf16(sample, new char[sample.Length], out _, out var written, replaceInvalidSequences: false, isFinalBlock: false);
        return status is System.Buffers.OperationStatus.Done or System.Buffers.OperationStatus.NeedMoreData && written >= 0;
    }
}

internal static class NotesEndpoints
{
    public static void Map(IEndpointRouteBuilder crm)
    {
        var notes = crm.MapGroup("/notes").WithTags("CRM notes");
        notes.MapGet("/", async (int? limit, string? after, string? sort, Guid? leadId, Guid? accountId, Guid? contactId, Guid? opportunityId,
                    NotesHandler handler, CancellationToken ct) =>
                (await handler.ListAsync(new RecordLinks(leadId, accountId, contactId, opportunityId), new PageRequest(limit, after, sort), ct)).ToHttp())
            .RequireAuthorization(CrmPermissions.Read).WithName("ListNotes").WithSummary("List notes on records you may see, newest first, with their attachments");
        notes.MapPost("/", async (NoteInput input, NotesHandler handler, CancellationToken ct) =>
                (await handler.WriteAsync(input, ct)).ToHttp(n => Results.Created($"/api/v1/crm/notes/{n.Id}", n)))
            .RequireAuthorization(CrmPermissions.Write).WithName("WriteNote").WithSummary("Write a note on a lead, account, contact or opportunity");
        // The body is the file itself; its Content-Type is the declared type, the file name comes in the query.
        notes.MapPost("/{id:guid}/attachments", async (Guid id, string? fileName, NotesHandler handler, IOptions<CrmOptions> options, HttpContext http, CancellationToken ct) =>
            {
                // Files may be larger than the API's usual body limit. The store refuses anything over the attachment limit
                // with its own code; the server cuts off bodies far beyond it.
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                    limit.MaxRequestBodySize = options.Value.Attachments.MaxBytes + 1024 * 1024;
                var upload = new AttachmentUpload(fileName ?? "file", http.Request.ContentType, http.Request.Body);
                return (await handler.AttachAsync(id, upload, ct)).ToHttp(a => Results.Created($"/api/v1/crm/attachments/{a.Id}", a));
            })
            .RequireAuthorization(CrmPermissions.Write).WithName("AttachFile").WithSummary("Attach a file to a note (raw body, Content-Type from the allow list, ?fileName=)");
        crm.MapGet("/attachments/{id:guid}", async (Guid id, NotesHandler handler, CancellationToken ct) =>
            {
                var file = await handler.DownloadAsync(id, ct);
                return file.IsSuccess
                    ? Results.File(file.Value.Bytes, file.Value.File.ContentType, file.Value.File.FileName)
                    : Problems.From(file.Error!);
            })
            .RequireAuthorization(CrmPermissions.Read).WithTags("CRM notes").WithName("DownloadAttachment").WithSummary("Download an attachment of a note you may see");
    }
}
