// Runs in <head>: applies the reader's saved choice (reading or diplomatic text) before the page paints.
try {
  if (localStorage.getItem('recto-mode') === 'diplomatic')
    document.documentElement.classList.add('diplomatic');
} catch (_) {
  /* storage may be unavailable (privacy settings, file://): the reading text is the default */
}
document.documentElement.classList.add('js');
