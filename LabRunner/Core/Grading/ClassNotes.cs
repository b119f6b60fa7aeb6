namespace LabRunner.Grading;

/// <summary>What `class provision` and `class drop` could not do, or want the instructor to know (the CLI words them).</summary>
public abstract record ClassNote;
/// <summary>The instructor's role is not a superuser: the commands did what CREATEDB and CREATEROLE allow.</summary>
public sealed record WithoutSuperuser(string User) : ClassNote;
/// <summary>A lab setting that cannot be given per database (it applies to the whole server, or only a superuser may set it).</summary>
public sealed record SettingNotApplied(string Name, string Value, string Context) : ClassNote;
/// <summary>Steps that need a local cluster (shell, edit, server steps): students on a shared server see them as not available.</summary>
public sealed record LocalStepsUnavailable(int Count) : ClassNote;
/// <summary>A student was left out (a role or database of that name exists and was not made by LabRunner, or the server refused).</summary>
public sealed record StudentNotProvisioned(string Student, string Why) : ClassNote;
/// <summary>`class drop` kept an object that no longer carries the class's marker (someone else's now).</summary>
public sealed record KeptNotOurs(string Kind, string Name) : ClassNote;

/// <summary>One student's place on the server. <see cref="Connection"/> holds the password: it goes only to the 0600 file.</summary>
public sealed record ClassStudent(string Student, string Role, string Database, string Connection);

public sealed record ProvisionResult(IReadOnlyList<ClassStudent> Students, int Created, IReadOnlyList<ClassNote> Notes,
    string ConnectionsFile, string TargetsFile, string Server);

public sealed record DropResult(int Databases, int Roles, IReadOnlyList<ClassNote> Notes);
