namespace Tandem.SharedKernel;

/// <summary>A business rule's refusal: a stable machine code, a sentence for people, and optional field errors.</summary>
public sealed record Error(string Code, string Message, ErrorKind Kind = ErrorKind.Rule)
{
    public IReadOnlyDictionary<string, string[]>? Fields { get; init; }
    public IReadOnlyDictionary<string, object?>? Data { get; init; }

    public static Error NotFound(string what) => new("not_found", $"{what} was not found.", ErrorKind.NotFound);

    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new("validation_failed", "One or more fields are invalid.", ErrorKind.Validation) { Fields = fields };

    public static Error Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);
}

public enum ErrorKind
{
    Validation,
    Rule,
    NotFound,
    Conflict,
    Forbidden,
    PreconditionFailed,
}

/// <summary>The outcome of a use case: a value, or the error that refused it.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }
    public bool IsSuccess => Error is null;
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Result failed: {Error!.Code}");

    public static Result<T> Success(T value) => new(value, null);
    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);
    public static implicit operator Result<T>(Error error) => Failure(error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? map(_value!) : Result<TOut>.Failure(Error!);
}

/// <summary>Thrown when an aggregate refuses a state change; the API turns it into a problem detail.</summary>
public sealed class BusinessRuleException(Error error) : Exception(error.Message)
{
    public Error Error { get; } = error;
}
