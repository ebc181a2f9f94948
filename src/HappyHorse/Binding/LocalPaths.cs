using System;
using System.Management.Automation;
using HappyHorse.LocalImages;

namespace HappyHorse.Binding
{
    /// <summary>
    /// Paths as PowerShell means them: relative to the current location (Set-Location moves it, the
    /// process's directory stays put), ~ the file system's home. Uses the session state, so call it
    /// on the pipeline thread only.
    /// </summary>
    internal static class LocalPaths
    {
        /// <summary>The full file-system path of <paramref name="path"/>; throws <see cref="LocalPathException"/> when it names none.</summary>
        public static string Resolve(PSCmdlet cmdlet, string path)
        {
            string resolved;
            ProviderInfo provider;
            try
            {
                resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is DriveNotFoundException || e is ProviderNotFoundException
                || e is NotSupportedException || e is ArgumentException || e is PSInvalidOperationException || e is ProviderInvocationException)
            {
                throw new LocalPathException($"is a local file path that could not be resolved ({e.Message})");
            }
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                throw new LocalPathException($"names a {provider.Name} item, not a file (the current location is {cmdlet.SessionState.Path.CurrentLocation}); give a full file path");
            return resolved;
        }
    }
}
