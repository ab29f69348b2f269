// Vigil agent MSI custom actions (JScript, run by Windows Installer; wixl has no IniFile or PermissionEx).
// writeConfig: %ProgramData%\Vigil\agent.properties from the public properties, the folder's ACL for SYSTEM
// (S-1-5-18) and Administrators (S-1-5-32-544) only. removeData: the folder, on a real uninstall.
// Immediate actions: they run as the installing account, SYSTEM under Intune and other MDMs.
var fso = new ActiveXObject("Scripting.FileSystemObject");
var shell = new ActiveXObject("WScript.Shell");

function dataDir() {
    return Session.Property("CommonAppDataFolder") + "Vigil";
}

function log(text) {
    var record = Session.Installer.CreateRecord(0);
    record.StringData(0) = "Vigil agent: " + text;
    Session.Message(0x04000000, record);
}

function writeConfig() {
    var dir = dataDir();
    if (!fso.FolderExists(dir)) {
        fso.CreateFolder(dir);
    }
    var status = shell.Run("icacls.exe \"" + dir + "\" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F /T /Q", 0, true);
    if (status != 0) {
        log("icacls could not restrict " + dir + " to SYSTEM and Administrators (exit " + status + ")");
        return 3;
    }
    var file = fso.CreateTextFile(dir + "\\agent.properties", true, false);
    file.WriteLine("console.address=" + Session.Property("CONSOLE_ADDRESS"));
    file.WriteLine("enrolment.token=" + Session.Property("ENROLMENT_TOKEN"));
    file.WriteLine("console.ca.sha256=" + Session.Property("CONSOLE_CA_SHA256"));
    file.WriteLine("data.dir=" + dir + "\\data");
    file.Close();
    log("wrote " + dir + "\\agent.properties (SYSTEM and Administrators only)");
    return 1;
}

function removeData() {
    var dir = dataDir();
    if (fso.FolderExists(dir)) {
        fso.DeleteFolder(dir, true);
    }
    return 1;
}
