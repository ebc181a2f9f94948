using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace HappyHorse.Session
{
    /// <summary>
    /// The table views of HappyHorse.Format.ps1xml, loaded the first time a HappyHorse cmdlet runs in a
    /// runspace rather than by FormatsToProcess: rebuilding the runspace's format tables was a quarter
    /// of Import-Module (issue 15), and the module's objects only come out of its cmdlets.
    /// </summary>
    internal static class ModuleFormats
    {
        private static readonly object Marker = new object();
        private static readonly RunspaceStore<object> Loaded = new RunspaceStore<object>(() => Marker);

        private static readonly string FormatFile = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleFormats).Assembly.Location) ?? ".", "HappyHorse.Format.ps1xml");

        /// <summary>On the pipeline thread, before the cmdlet writes anything: once per runspace.</summary>
        public static void EnsureLoaded()
        {
            if (Runspace.DefaultRunspace == null || Loaded.Current != null) return;
            // Marked first: views are cosmetic, so a runspace that refuses them (DisableFormatUpdates,
            // no Update-FormatData) is not asked again on every call.
            Loaded.Set(Marker);
            if (!File.Exists(FormatFile)) return;
            try
            {
                // The mark outlives Import-Module -Force and Remove-Module, as the loaded views do, so
                // they are never added twice. -WhatIf:$false: the user's $WhatIfPreference is about
                // their jobs, not our views.
                using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
                var command = UpdateFormatData();
                (command != null ? shell.AddCommand(command) : shell.AddCommand("Microsoft.PowerShell.Utility\\Update-FormatData"))
                    .AddParameter("AppendPath", FormatFile)
                    .AddParameter("WhatIf", false)
                    .AddParameter("Confirm", false)
                    .Invoke();
            }
            catch (Exception ex) when (ex is RuntimeException || ex is InvalidOperationException)
            {
                // Plain tables or lists instead of the module's views; the cmdlet's work is unaffected.
            }
        }

        /// <summary>
        /// The cmdlet itself when its assembly is loaded, as it is in pwsh and powershell.exe: by name,
        /// the first call would import the whole Microsoft.PowerShell.Utility module (~50 ms) for it.
        /// </summary>
        private static CmdletInfo? UpdateFormatData()
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (assembly.GetName().Name != "Microsoft.PowerShell.Commands.Utility") continue;
                var type = assembly.GetType("Microsoft.PowerShell.Commands.UpdateFormatDataCommand");
                return type != null ? new CmdletInfo("Update-FormatData", type) : null;
            }
            return null;
        }
    }
}
