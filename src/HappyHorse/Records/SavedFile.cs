using System;
using System.IO;
using System.Management.Automation;

namespace HappyHorse.Records
{
    /// <summary>
    /// What Save-HHVideo writes for a saved video: the file as Get-Item returns it, so it shows as a
    /// file on every OS (a bare FileInfo has no PSPath, and on Linux its mode, owner and size show
    /// blank), plus the job and row it belongs to.
    /// </summary>
    internal static class SavedFile
    {
        /// <summary>On the pipeline thread: the provider is asked for the item.</summary>
        public static PSObject For(PSCmdlet cmdlet, string path, HHJobResult result)
        {
            PSObject? file = null;
            try
            {
                var items = cmdlet.InvokeProvider.Item.Get(new[] { path }, true, true);
                if (items.Count == 1 && items[0].BaseObject is FileInfo) file = items[0];
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is ProviderInvocationException || ex is ProviderNotFoundException
                                       || ex is System.Management.Automation.DriveNotFoundException || ex is PSNotSupportedException)
            {
                // A path the file system provider cannot reach (it was just written, so rare): the plain FileInfo still tells where.
            }
            file ??= PSObject.AsPSObject(new FileInfo(path));
            Add(file, "RequestId", result.RequestId);
            Add(file, "Index", result.Index);
            Add(file, "Title", result.Title);
            return file;
        }

        private static void Add(PSObject file, string name, object? value)
        {
            if (file.Properties[name] != null) file.Properties.Remove(name);
            file.Properties.Add(new PSNoteProperty(name, value));
        }
    }
}
