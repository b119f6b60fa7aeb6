// LabRunner drives Unix tools (initdb, pg_ctl, runuser, bash, rsync): it runs on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
