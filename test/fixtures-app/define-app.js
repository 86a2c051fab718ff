// Registers every element, as `import 'perch-widgets/define'` promises.
import 'perch-widgets/define';

window.perchApp = { entry: 'define' };
