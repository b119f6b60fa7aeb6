using System.Text.RegularExpressions;

namespace LabRunner.Labs;

/// <summary>What a timestamp, a date, an LSN, a pid, a uuid or an interval looks like in psql's text output.</summary>
public static partial class ValueShapes
{
    [GeneratedRegex(@"^\d{4,}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:[+-]\d{2}(?::?\d{2}){0,2}| ?[A-Z]{3,5}|Z)?(?: BC)?$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^\d{4,}-\d{2}-\d{2}(?: BC)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[0-9A-F]{1,8}/[0-9A-F]{1,8}$")]
    private static partial Regex LsnPattern();

    [GeneratedRegex(@"^[1-9][0-9]{0,9}$")]
    private static partial Regex PidPattern();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();

    // postgres style: "1 year 2 mons 3 days 04:05:06.789", "-00:00:01.5", "00:00:00.001234"; also ISO 8601 "P1DT2H".
    [GeneratedRegex(@"^(?:@ )?(?:-?\d+ (?:years?|mons?|days?) ?)*(?:-?\d+:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?: ago)?$|^-?P(?:\d+[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?$")]
    private static partial Regex IntervalPattern();

    // A timestamp with fractional seconds is almost surely now()-ish; a bare date or a whole-second timestamp may be lab data.
    [GeneratedRegex(@"^\d{4,}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}\.\d{1,6}")]
    private static partial Regex PreciseTimestampPattern();

    [GeneratedRegex(@"^-?(?:\d+ days? )?\d{2}:\d{2}:\d{2}\.\d+$")]
    private static partial Regex PreciseIntervalPattern();

    [GeneratedRegex(@"^[1-9][0-9]{0,19}$")]
    private static partial Regex XidPattern();

    [GeneratedRegex(@"^\(\d+,\d+\)$")]
    private static partial Regex TidPattern();

    [GeneratedRegex(@"^\{[1-9][0-9]{0,9}(?:,[1-9][0-9]{0,9})*\}$")]
    private static partial Regex PidListPattern();

    [GeneratedRegex(@"^[0-9A-F]{24}$")]
    private static partial Regex WalFilePattern();

    /// <summary>Columns that hold transaction ids by their name (system columns and the functions that return one).</summary>
    private static readonly string[] XidColumns = ["xmin", "xmax", "txid_current", "pg_current_xact_id", "txid_current_if_assigned", "pg_current_xact_id_if_assigned", "backend_xid", "backend_xmin"];

    public static bool Fits(ValueShape shape, string value) => shape switch
    {
        ValueShape.Xid => XidPattern().IsMatch(value),
        ValueShape.Tid => TidPattern().IsMatch(value),
        ValueShape.PidList => PidListPattern().IsMatch(value),
        ValueShape.WalFile => WalFilePattern().IsMatch(value),
        ValueShape.Timestamp => TimestampPattern().IsMatch(value),
        ValueShape.Date => DatePattern().IsMatch(value),
        ValueShape.Lsn => LsnPattern().IsMatch(value),
        ValueShape.Pid => PidPattern().IsMatch(value),
        ValueShape.Uuid => UuidPattern().IsMatch(value),
        ValueShape.Interval => value.Trim().Length > 0 && IntervalPattern().IsMatch(value.Trim()),
        _ => false,
    };

    public static string Describe(ValueShape shape) => shape switch
    {
        ValueShape.Lsn => "an LSN",
        ValueShape.Pid => "a pid",
        ValueShape.Interval => "an interval",
        ValueShape.Xid => "a transaction id",
        ValueShape.Tid => "a tuple id",
        ValueShape.PidList => "a list of pids",
        ValueShape.WalFile => "a WAL file name",
        _ => "a " + shape.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The shape of a pasted value that cannot be the same twice (a now() timestamp, an LSN, a pid, a measured duration),
    /// or null when the value is ordinary data to compare exactly.
    /// </summary>
    public static ValueShape? Volatile(string column, string value)
    {
        var v = value.Trim();
        if (v.Length == 0) return null;
        if (PreciseTimestampPattern().IsMatch(v) && TimestampPattern().IsMatch(v)) return ValueShape.Timestamp;
        if (LsnPattern().IsMatch(v)) return ValueShape.Lsn;
        var name = column.ToLowerInvariant();
        // "blocked_pid", and Spanish word order: "pid_bloqueado", "pid_sesion".
        if ((name == "pid" || name.EndsWith("_pid", StringComparison.Ordinal) || name.StartsWith("pid_", StringComparison.Ordinal) || name == "pg_backend_pid") && PidPattern().IsMatch(v)) return ValueShape.Pid;
        if (PreciseIntervalPattern().IsMatch(v)) return ValueShape.Interval;
        // xmax 0 means "not deleted": data, not volatile. A non-zero one is whatever transaction the run had.
        if (XidColumns.Contains(name) && XidPattern().IsMatch(v)) return ValueShape.Xid;
        if (name == "ctid" && TidPattern().IsMatch(v)) return ValueShape.Tid;
        if (WalFilePattern().IsMatch(v) && (name.Contains("wal", StringComparison.Ordinal) || name.Contains("file", StringComparison.Ordinal))) return ValueShape.WalFile;
        return null;
    }
}
