// A minimal VS Code client for `postlint lsp`: starts the server over stdio for posts.
// Install: npm install --omit=dev here, then copy or link this folder into ~/.vscode/extensions/.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

const LANGUAGES = ["markdown", "mdx", "html", "plaintext", "restructuredtext"];
let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("postlint");
  const [command, ...args] = settings.get("command", ["postlint", "lsp"]);
  const options = { debounce: settings.get("debounce", 50) };
  if (settings.get("ruleDocs")) {
    options.ruleDocs = settings.get("ruleDocs");
  }
  client = new LanguageClient(
    "postlint",
    "postlint",
    { command, args, transport: TransportKind.stdio },
    {
      documentSelector: LANGUAGES.flatMap((language) => [
        { scheme: "file", language },
        { scheme: "untitled", language },
      ]),
      initializationOptions: options,
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
