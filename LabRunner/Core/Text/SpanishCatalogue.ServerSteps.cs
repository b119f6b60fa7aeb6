namespace LabRunner.Text;

/// <summary>What a server step says, in Spanish.</summary>
internal sealed partial class SpanishCatalogue
{
    public override string ServerStepNeedsSandbox(string command, string runsOn) => $"no ejecutado: {command} necesita un sandbox, y esta práctica se ejecuta en {runsOn}";
    public override string EditNeedsSandbox(string file, string runsOn) => $"no ejecutado: {file} es un archivo de los servidores del sandbox, y esta práctica se ejecuta en {runsOn}";
    public override string NoSuchSandboxFile(string file) => $"{file}: no existe ese archivo en el sandbox";
    public override string NoDataDirectory => "falta el directorio de datos sobre el que iniciar el servidor";
    public override string TarFormatBackup(string directory) =>
        $"{directory} contiene un respaldo en formato tar (base.tar): extráigalo primero, p. ej. tar -xf {directory}/base.tar -C DIR";
    public override string NotADataDirectory(string directory) =>
        $"{directory} no es un directorio de datos de PostgreSQL (no tiene PG_VERSION): ¿se hizo ahí el respaldo o la copia?";
    public override string BadServerName(string name) => $"nombre de servidor no válido \"{name}\": use letras, dígitos, \"_\" y \"-\" (un nombre de clúster de Debian)";
    public override string ServerExists(string name) => $"el sandbox ya tiene un servidor \"{name}\"";
    public override string ConfigEdited(string file) => $"({file} editado)";
    public override string ConfigLeftAsItWas(string file) => $"({file} sin cambios)";
    public override string ConfigApplied(string file) => $"(aplicado a {file}:)";
    public override string CharactersLeftOut(long n) => $" [… {n.ToString(Culture)} caracteres omitidos]";
}
