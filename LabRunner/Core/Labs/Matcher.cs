using System.Text.Json.Serialization;

namespace LabRunner.Labs;

/// <summary>How one column's cells are compared. (Kept in saved progress as part of a verdict's reason.)</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "matcher")]
[JsonDerivedType(typeof(Exact), "exact")]
[JsonDerivedType(typeof(Any), "any")]
[JsonDerivedType(typeof(NotNull), "notNull")]
[JsonDerivedType(typeof(Null), "null")]
[JsonDerivedType(typeof(Shape), "shape")]
[JsonDerivedType(typeof(Regex), "regex")]
[JsonDerivedType(typeof(Tolerance), "tolerance")]
public abstract record Matcher
{
    /// <summary>The default: the expected text, exactly.</summary>
    public sealed record Exact : Matcher;
    public sealed record Any : Matcher;
    public sealed record NotNull : Matcher;
    public sealed record Null : Matcher;
    /// <summary>A value of a volatile shape: timestamp, date, lsn, pid, uuid, interval.</summary>
    public sealed record Shape(ValueShape Kind) : Matcher;
    public sealed record Regex(string Pattern) : Matcher;
    /// <summary>Numeric, within an absolute amount or a percentage of the expected value.</summary>
    public sealed record Tolerance(double Amount, bool Percent) : Matcher;
}

/// <summary>
/// Shapes of volatile values: Xid a transaction id (xmin, txid_current()), Tid a tuple id ((0,1), ctid), PidList an array
/// of backend pids (pg_blocking_pids), WalFile a WAL segment file name.
/// </summary>
public enum ValueShape { Timestamp, Date, Lsn, Pid, Uuid, Interval, Xid, Tid, PidList, WalFile }
