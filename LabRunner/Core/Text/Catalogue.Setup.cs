using LabRunner.Setup;

namespace LabRunner.Text;

/// <summary>The setup dialog's words (missing PostgreSQL binaries or lab tools, installed on the student's yes).</summary>
public partial class Catalogue
{
    public virtual string SetupTitle => "Missing software";
    public virtual string Install => "Install";
    public virtual string InstallCancelled => "installation cancelled";
    public virtual string InstallQuestion(MissingSoftware m) =>
        $"{m.What} {(m.Software.Count == 1 ? "is" : "are")} not installed. LabRunner can install {(m.Software.Count == 1 ? "it" : "them")} now with:\n\n  {m.Plan.CommandText}";
    public virtual string CannotInstall(MissingSoftware m) => m.CannotInstall();
    public virtual string Installing(MissingSoftware m) => $"Installing {m.What}…";
    public virtual string InstallFailed(string why) => $"The installation failed: {why}";
}
