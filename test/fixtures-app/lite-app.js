// Registers `<perch-tweet>` alone, as `import 'perch-widgets/tweet/lite'` promises (a one-file app).
import 'perch-widgets/tweet/lite';

window.perchApp = { entry: 'tweet/lite' };
