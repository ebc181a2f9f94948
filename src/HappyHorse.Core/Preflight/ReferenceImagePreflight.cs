using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Input;

namespace HappyHorse.Preflight
{
    /// <summary>
    /// The -Preflight step of New-HHVideoJob: a row's reference images checked against the service's
    /// rules, answered as <see cref="InputProblem"/>s like any other bad cell, so a failing row is
    /// reported and not submitted. Create one per cmdlet run: it remembers each URL's check, so rows
    /// that share images cost one request per image, and it bounds requests across all rows.
    /// </summary>
    internal sealed class ReferenceImagePreflight : System.IDisposable
    {
        private readonly ReferenceImageChecker _checker;

        public ReferenceImagePreflight(PreflightOptions? options = null, HttpClient? client = null)
        {
            _checker = new ReferenceImageChecker(options, client);
        }

        /// <summary>Images by slot (as <see cref="VideoJobInput.Images"/>): problems name field image_url_N.</summary>
        public async Task<IReadOnlyList<InputProblem>> CheckAsync(IReadOnlyDictionary<int, string> images, CancellationToken cancellationToken)
        {
            var pending = new List<(string Field, Task<ImageCheck> Check)>();
            foreach (var pair in images)
                if (!string.IsNullOrWhiteSpace(pair.Value))
                    pending.Add((InputSchema.ImageField(pair.Key), _checker.CheckAsync(pair.Value, cancellationToken)));
            var problems = new List<InputProblem>();
            foreach (var (field, task) in pending)
            {
                ImageCheck check = await task.ConfigureAwait(false);
                string url = DisplayUrl.Of(check.Url);
                foreach (var p in check.Problems)
                    problems.Add(new InputProblem(field, url, $"{field} '{url}' fails {p.Rule}: it {p.Message}"));
            }
            return problems;
        }

        /// <summary>Images in order: the first is image_url_1.</summary>
        public Task<IReadOnlyList<InputProblem>> CheckAsync(IEnumerable<string> urls, CancellationToken cancellationToken)
        {
            var images = new SortedDictionary<int, string>();
            int slot = 0;
            foreach (string url in urls) images[++slot] = url;
            return CheckAsync(images, cancellationToken);
        }

        /// <summary>One URL's full findings (format, size, bytes), shared with the problem lists above.</summary>
        public Task<ImageCheck> CheckUrlAsync(string url, CancellationToken cancellationToken) => _checker.CheckAsync(url, cancellationToken);

        public void Dispose() => _checker.Dispose();
    }
}
