throw new RangeError('module body threw');
