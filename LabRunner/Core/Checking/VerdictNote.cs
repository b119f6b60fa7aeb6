using System.Text.Json.Serialization;
using LabRunner.Labs;

namespace LabRunner.Checking;

/// <summary>Something worth knowing about how a verdict was reached (what was compared how), as data like <see cref="VerdictReason"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "note")]
[JsonDerivedType(typeof(ComparedLast), "comparedLast")]
[JsonDerivedType(typeof(ErrorComparedByMessage), "errorComparedByMessage")]
[JsonDerivedType(typeof(AnyOrder), "anyOrder")]
[JsonDerivedType(typeof(VolatileCell), "volatileCell")]
[JsonDerivedType(typeof(ColumnMatcher), "columnMatcher")]
[JsonDerivedType(typeof(MatchedOnAttempt), "matchedOnAttempt")]
[JsonDerivedType(typeof(MarkerChanged), "markerChanged")]
public abstract record VerdictNote;

/// <summary>The step produced more results than the expectation shows: the last ones were compared.</summary>
public sealed record ComparedLast(int Compared, int Of) : VerdictNote;
/// <summary>An expected error without SQLSTATE was compared by its message (which depends on lc_messages).</summary>
public sealed record ErrorComparedByMessage : VerdictNote;
/// <summary>Rows were compared in any order (the query has no ORDER BY).</summary>
public sealed record AnyOrder : VerdictNote;
/// <summary>A pasted value that cannot be the same twice counted as any value of its shape.</summary>
public sealed record VolatileCell(string Column, string Cell, ValueShape Shape) : VerdictNote;
/// <summary>A column compared with the author's matcher rather than exactly.</summary>
public sealed record ColumnMatcher(string Column, Matcher Matcher) : VerdictNote;
/// <summary>An `eventually` expectation matched on this attempt after this long.</summary>
public sealed record MatchedOnAttempt(TimeSpan After, int Attempt) : VerdictNote;
/// <summary>A watched step's marker column (last_autovacuum) changed this long after the step started: how long autovacuum took.</summary>
public sealed record MarkerChanged(string Marker, TimeSpan After) : VerdictNote;
