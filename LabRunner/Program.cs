// The real process: after Ctrl+C, SIGTERM or SIGHUP, commands get 25 s to unwind (the TUI disposes its server within
// 20 s even when its terminal is gone) before the process exits on its own.
LabRunner.StartTrace.Mark("Main");
var code = await LabRunner.Cli.CliApp.RunAsync(args, exitAfterSignal: TimeSpan.FromSeconds(25));
LabRunner.StartTrace.Write();
return code;
