// The Custom Elements Manifest of the widget's elements (scripts/build-widget.ts gives --outdir).
export default {
  globs: ["widget/*.ts"],
  exclude: ["widget/embed-*.ts"],
  litelement: true,
  // package.json names the manifest once; a build into another folder must not rewrite it.
  packagejson: false,
};
