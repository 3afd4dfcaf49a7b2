import type { Config } from 'tailwindcss';
import { largeText } from './app/styles/large-text';

export default {
  content: ['./app/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        brand: {
          50: '#eff6ff',
          100: '#dbeafe',
          600: '#1d4ed8',
          700: '#1e40af',
          800: '#1e3a8a',
        },
      },
      fontFamily: {
        sans: ['"PingFang SC"', '"Hiragino Sans GB"', '"Microsoft YaHei"', '"WenQuanYi Zen Hei"', '"Noto Sans CJK SC"', 'system-ui', 'sans-serif'],
      },
    },
  },
  // 大字版 (issue 13): the rules behind <html class="text-large">.
  plugins: [largeText],
} satisfies Config;
