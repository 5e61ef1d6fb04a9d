using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tandem.SharedKernel;

namespace Tandem.Platform.Api;

/// <summary>The query string of every list endpoint: <c>?limit=50&amp;after=&lt;cursor&gt;&amp;sort=name</c> (prefix <c>-</c> for descending).</summary>
public sealed record PageRequest(int? Limit = null, string? After = null, string? Sort = null)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
}

/// <summary>One page of a list; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// The sort keys a list allows, each a column with an index behind it. Paging seeks past the last row's
/// key and id (<c>WHERE (key, id) &gt; (@k, @id)</c>), so page 20,000 costs what page 1 costs.
/// </summary>
public sealed class SortMap<TEntity> where TEntity : Entity
{
    private readonly Dictionary<string, LambdaExpression> _keys = new(StringComparer.OrdinalIgnoreCase);

    public SortMap(string defaultSort) => Default = defaultSort;

    public string Default { get; }

    public IEnumerable<string> Names => _keys.Keys;

    public SortMap<TEntity> Add<TKey>(string name, Expression<Func<TEntity, TKey>> key)
    {
        _keys[name] = key;
        return this;
    }

    internal bool TryGet(string name, out LambdaExpression key) => _keys.TryGetValue(name, out key!);
}

public static class Keyset
{
    public static async Task<Result<Page<TDto>>> ToPageAsync<TEntity, TDto>(
        this IQueryable<TEntity> query,
        PageRequest request,
        SortMap<TEntity> sorts,
        Expression<Func<TEntity, TDto>> projection,
        CancellationToken ct)
        where TEntity : Entity
    {
        var limit = request.Limit ?? PageRequest.DefaultLimit;
        if (limit is < 1 or > PageRequest.MaxLimit)
            return Error.Validation("limit", $"Between 1 and {PageRequest.MaxLimit}.");
        var sort = string.IsNullOrWhiteSpace(request.Sort) ? sorts.Default : request.Sort.Trim();
        var descending = sort.StartsWith('-');
        var sortName = descending ? sort[1..] : sort;
        if (!sorts.TryGet(sortName, out var key))
            return Error.Validation("sort", $"Sort by one of: {string.Join(", ", sorts.Names)} (prefix '-' for descending).");

        var method = typeof(Keyset).GetMethod(nameof(PageByKeyAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(typeof(TEntity), key.ReturnType, typeof(TDto));
        var task = (Task<Result<Page<TDto>>>)method.Invoke(null, [query, key, descending, limit, request.After, sort, projection, ct])!;
        return await task;
    }

    private static async Task<Result<Page<TDto>>> PageByKeyAsync<TEntity, TKey, TDto>(
        IQueryable<TEntity> query,
        Expression<Func<TEntity, TKey>> key,
        bool descending,
        int limit,
        string? after,
        string sort,
        Expression<Func<TEntity, TDto>> projection,
        CancellationToken ct)
        where TEntity : Entity
    {
        if (after is not null)
        {
            if (!Cursor.TryRead<TKey>(after, sort, out var afterKey, out var afterId))
                return Error.Validation("after", "The cursor is not valid for this list and sort.");
            query = query.Where(SeekPredicate(key, descending, afterKey, afterId));
        }

        query = descending
            ? query.OrderByDescending(key).ThenByDescending(e => e.Id)
            : query.OrderBy(key).ThenBy(e => e.Id);

        var rows = await query.Select(Row(key, projection)).Take(limit + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            var last = rows[^1];
            next = Cursor.Write(last.Key, last.Id, sort);
        }
        return new Page<TDto>(rows.Select(r => r.Item).ToList(), next);
    }

    // key >= k AND (key > k OR id > id0), or the mirror image for a descending sort. The redundant leading
    // range is what lets PostgreSQL start the index scan at the cursor instead of filtering from the top.
    private static Expression<Func<TEntity, bool>> SeekPredicate<TEntity, TKey>(
        Expression<Func<TEntity, TKey>> key, bool descending, TKey afterKey, Guid afterId)
        where TEntity : Entity
    {
        var entity = key.Parameters[0];
        var keyValue = Parameter(afterKey);
        var idValue = Parameter(afterId);
        var id = Expression.Property(entity, nameof(Entity.Id));
        var beyondKey = Compare(key.Body, keyValue, descending ? ExpressionType.LessThan : ExpressionType.GreaterThan);
        var fromKey = Compare(key.Body, keyValue, descending ? ExpressionType.LessThanOrEqual : ExpressionType.GreaterThanOrEqual);
        var beyondId = descending ? Expression.LessThan(id, idValue) : Expression.GreaterThan(id, idValue);
        var body = Expression.AndAlso(fromKey, Expression.OrElse(beyondKey, beyondId));
        return Expression.Lambda<Func<TEntity, bool>>(body, entity);
    }

    // Strings have no < in C#; EF translates string.Compare(a, b) > 0 to a > b.
    private static Expression Compare(Expression column, Expression value, ExpressionType comparison)
    {
        if (column.Type == typeof(string))
        {
            column = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, column, value);
            value = Expression.Constant(0);
        }
        return Expression.MakeBinary(comparison, column, value);
    }

    // A closure member so EF sends the value as a SQL parameter rather than inlining it.
    private static MemberExpression Parameter<T>(T value) =>
        Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private static Expression<Func<TEntity, KeyedRow<TKey, TDto>>> Row<TEntity, TKey, TDto>(
        Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, TDto>> projection)
        where TEntity : Entity
    {
        var entity = key.Parameters[0];
        var item = new ParameterReplacer(projection.Parameters[0], entity).Visit(projection.Body);
        var body = Expression.MemberInit(
            Expression.New(typeof(KeyedRow<TKey, TDto>)),
            Expression.Bind(typeof(KeyedRow<TKey, TDto>).GetProperty(nameof(KeyedRow<TKey, TDto>.Key))!, key.Body),
            Expression.Bind(typeof(KeyedRow<TKey, TDto>).GetProperty(nameof(KeyedRow<TKey, TDto>.Id))!, Expression.Property(entity, nameof(Entity.Id))),
            Expression.Bind(typeof(KeyedRow<TKey, TDto>).GetProperty(nameof(KeyedRow<TKey, TDto>.Item))!, item));
        return Expression.Lambda<Func<TEntity, KeyedRow<TKey, TDto>>>(body, entity);
    }

    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }

    private sealed class KeyedRow<TKey, TDto>
    {
        public TKey Key { get; init; } = default!;
        public Guid Id { get; init; }
        public TDto Item { get; init; } = default!;
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>An opaque cursor: base64url of the sort name, the last row's key and its id.</summary>
public static class Cursor
{
    public static string Write<TKey>(TKey key, Guid id, string sort)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new CursorData<TKey>(sort, key, id));
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryRead<TKey>(string text, string sort, out TKey key, out Guid id)
    {
        key = default!;
        id = Guid.Empty;
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var data = JsonSerializer.Deserialize<CursorData<TKey>>(Convert.FromBase64String(base64));
            if (data is null || data.S != sort || data.K is null)
                return false;
            key = data.K;
            id = data.I;
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException)
        {
            return false;
        }
    }

    private sealed record CursorData<TKey>(string S, TKey K, Guid I);
}
